import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import { migration0001Initial } from '../../../db/migrations/0001_initial.js';
import { openDatabase, schemaVersion } from '../../../db/openDatabase.js';
import { CaptionRepository } from '../../../db/repositories/CaptionRepository.js';
import { FolderRepository } from '../../../db/repositories/FolderRepository.js';
import type { Db } from '../../../db/openDatabase.js';
import type { PhotoFacts, PhotoFileFacts } from '../../../db/repositories/PhotoRepository.js';
import { TagRepository } from '../../../db/repositories/TagRepository.js';
import { searchPhotos } from '../../../db/search/searchPhotos.js';
import { makeTempDir } from '../../helpers/tempDirs.js';
import { addHandPhoto, buildHandLibrary, handPhotos, NOW, ROOT, vocabulary } from './handLibrary.js';

type Row = { id: number; tags: string; caption: string; file_name: string; folder: string; camera: string; facets: string };
const searchRows = (library: LibraryDatabase) =>
  library.db.prepare('SELECT rowid AS id, tags, caption, file_name, folder, camera, facets FROM photo_search ORDER BY rowid').all() as Row[];

/** The photo writes of a version-1 library: today's PhotoRepository names columns later migrations added. */
function v1Photos(db: Db) {
  return {
    insert: (f: PhotoFileFacts, now: number) =>
      (db.prepare(`INSERT INTO photos (folder_id, path, file_name, size, mtime_ms, content_hash, added_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, 'queued') RETURNING id`)
        .get(f.folderId, f.path, f.fileName, f.size, f.mtimeMs, f.contentHash, now) as { id: number }).id,
    markFailed: (id: number, kind: string, reason: string, version: number, now: number) => {
      db.prepare(`UPDATE photos SET state = 'failed', error_kind = ?, error_reason = ?, pipeline_version = ?, indexed_at = ? WHERE id = ?`).run(kind, reason, version, now, id);
    },
    saveFacts: (id: number, f: PhotoFacts, version: number, now: number) => {
      db.prepare(
        `UPDATE photos SET width = @width, height = @height, format = @format, taken_at = @takenAt, taken_tz = @takenTz, date_source = @dateSource,
           camera_make = @cameraMake, camera_model = @cameraModel, camera = @camera, lens = @lens, gps_lat = @gpsLat, gps_lon = @gpsLon,
           gps_alt = @gpsAlt, orientation = @orientation, state = 'indexed', pipeline_version = @version, indexed_at = @now WHERE id = @id`,
      ).run({ id, version, now, width: f.width, height: f.height, format: f.format, takenAt: f.takenAt, takenTz: f.takenTz, dateSource: f.dateSource,
        cameraMake: f.cameraMake, cameraModel: f.cameraModel, camera: f.camera, lens: f.lens, gpsLat: f.gpsLat, gpsLon: f.gpsLon, gpsAlt: f.gpsAlt, orientation: f.orientation });
    },
    markMissing: (id: number, now: number) => {
      db.prepare(`UPDATE photos SET state = 'missing', missing_since = COALESCE(missing_since, ?) WHERE id = ?`).run(now, id);
    },
  };
}

describe('the search index', () => {
  const temp = makeTempDir('phototag-search-index-');
  afterAll(() => temp.cleanup());

  it('is rebuilt by migration 2 from a version-1 library, exactly as the writer would write it', () => {
    const file = path.join(temp.dir, 'v1.db');
    const v1 = openDatabase(file, { migrations: [migration0001Initial] });
    expect(schemaVersion(v1)).toBe(1);
    const tags = new TagRepository(v1);
    tags.registerVocabulary(vocabulary, NOW);
    const folders = new FolderRepository(v1);
    const folderIds = new Map(['Pictures', 'Phone'].map((name) => [name, folders.add(path.posix.join(ROOT, name), NOW).id]));
    // Version 1's writer: the five text columns, which migration 2 carries over.
    const insertV1 = v1.prepare(
      `INSERT INTO photo_search (rowid, tags, caption, file_name, folder, camera)
       SELECT p.id, coalesce((SELECT group_concat(t.name, ' ; ') FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.photo_id = p.id AND pt.state != 'rejected'), ''),
              coalesce((SELECT text FROM captions WHERE photo_id = p.id), ''), p.file_name, 'v1 folder', coalesce(p.camera, '')
       FROM photos p WHERE p.id = ? AND p.state != 'missing'`,
    );
    const writer = {
      photos: v1Photos(v1),
      tags,
      captions: new CaptionRepository(v1),
      refresh: (id: number) => {
        v1.prepare('DELETE FROM photo_search WHERE rowid = ?').run(id);
        insertV1.run(id);
      },
    };
    for (const photo of handPhotos) addHandPhoto(writer, photo, folderIds.get(photo.file.split('/')[0] as string) ?? null);
    v1.close();

    const library = LibraryDatabase.open(file);
    try {
      const migrated = searchRows(library);
      expect(migrated).toHaveLength(19);
      expect(migrated.every((r) => r.folder === 'v1 folder')).toBe(true);
      for (const row of migrated) library.searchIndex.refresh(row.id);
      const rewritten = searchRows(library);
      expect(rewritten.map((r) => [r.id, r.facets])).toEqual(migrated.map((r) => [r.id, r.facets]));

      // And so a migrated library answers as a new one does.
      const fresh = LibraryDatabase.open(path.join(temp.dir, 'fresh.db'));
      buildHandLibrary(fresh);
      for (const q of ['tag:dog', 'camera:canon', 'lens:50mm', 'year:2019 has:gps', '-tag:person', 'format:heic', 'is:failed', 'has:caption']) {
        const names = (lib: LibraryDatabase) => searchPhotos(lib.db, q, { limit: 100 }).results.map((r) => path.basename(r.path));
        expect(names(library)).toEqual(names(fresh));
      }
      fresh.close();
    } finally {
      library.close();
    }
  });

  describe('stays in step with corrections when the writer refreshes a photo', () => {
    let library: LibraryDatabase;
    let ids: Map<string, number>;
    beforeAll(() => {
      library = LibraryDatabase.open(path.join(temp.dir, 'corrections.db'));
      ids = buildHandLibrary(library);
    });
    afterAll(() => library.close());
    const id = (file: string) => ids.get(file) as number;
    const found = (q: string) => searchPhotos(library.db, q, { limit: 100, prefixLastWord: false }).results.map((r) => path.basename(r.path)).sort();
    const now = NOW + 1000;

    it('a rejected tag stops matching; an added or accepted one starts', () => {
      library.tags.reject(id('Pictures/2019/Holidays Spain/beach_dog.jpg'), 'dog', now);
      library.tags.add(id('Pictures/2020/Garden/cat.jpg'), 'my favourite', now);
      library.tags.accept(id('Phone/2021/IMG_0001.heic'), 'dog', now);
      for (const file of ['Pictures/2019/Holidays Spain/beach_dog.jpg', 'Pictures/2020/Garden/cat.jpg', 'Phone/2021/IMG_0001.heic']) library.searchIndex.refresh(id(file));
      expect(found('tag:dog')).toEqual(['IMG_0001.heic', 'cat_dog.jpg']);
      expect(found('tag:"my favourite"')).toEqual(['IMG_0002.heic', 'cat.jpg']);
    });

    it('a caption the user writes is searched and counts for has:caption', () => {
      library.captions.setByUser(id('Phone/Screenshots/receipt.png'), 'receipt from the hardware store', now);
      library.searchIndex.refresh(id('Phone/Screenshots/receipt.png'));
      expect(found('hardware')).toEqual(['receipt.png']);
      expect(found('-has:caption')).toEqual(['broken.jpg', 'screen.png']);
    });

    it('a photo that goes missing leaves every result, and comes back when found', () => {
      const eiffel = id('Pictures/2022/Paris/eiffel.jpg');
      library.photos.markMissing(eiffel, now);
      library.searchIndex.refresh(eiffel);
      expect(found('tower')).toEqual([]);
      expect(found('-tag:dog')).not.toContain('eiffel.jpg');
      expect(searchPhotos(library.db, '').results.map((r) => r.photoId)).not.toContain(eiffel);
      expect(searchPhotos(library.db, '').total).toBe(18);

      library.photos.setState(eiffel, 'indexed');
      library.searchIndex.refresh(eiffel);
      expect(found('tower')).toEqual(['eiffel.jpg']);
    });

    it('a photo moved to another folder is found by its new folder', () => {
      const cake = id('Pictures/2019/Birthday Anna/cake.heic');
      const moved = path.posix.join(ROOT, 'Pictures/2019/Party/cake.heic');
      library.photos.updateFile(cake, { path: moved, fileName: 'cake.heic', folderId: library.folders.byPath(path.posix.join(ROOT, 'Pictures'))?.id ?? null, size: 1000, mtimeMs: now, contentHash: 'hash:cake' }, 'indexed', false);
      library.searchIndex.refresh(cake);
      expect(found('folder:party')).toEqual(['cake.heic']);
      expect(found('folder:birthday')).toEqual([]);
      expect(found('tag:cake')).toEqual(['cake.heic']);
    });
  });
});
