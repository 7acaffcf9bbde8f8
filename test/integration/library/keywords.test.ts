import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ExifTool } from 'exiftool-vendored';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SidecarTool, type SidecarTags } from '../../../electron/core/adapters/exifTool.js';
import { CorrectionService } from '../../../electron/core/library/CorrectionService.js';
import { LibraryService } from '../../../electron/core/library/LibraryService.js';
import { createLogger } from '../../../electron/core/logging/logger.js';
import { exportSidecars } from '../../../electron/core/xmp/exportSidecars.js';
import { sharedData } from '../../helpers/sharedData.js';
import { copyPhotos, makeTempDir } from '../../helpers/tempDirs.js';

// Three real photos, keyworded as three other apps leave them (in temporary copies; the shared originals are untouched).
const [embedded, digikam, lightroom] = ['000000000009.jpg', '000000000025.jpg', '000000000030.jpg'] as const;
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const asList = (value: unknown): string[] => (value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)]);

/** Keywords that travel: read from photos and sidecars as the user's own tags, written to sidecars, read back. */
describe('keywords in photos and XMP sidecars', () => {
  const temp = makeTempDir('phototag-keywords-');
  const photos = path.join(temp.dir, 'photos');
  const file = (name: string) => path.join(photos, name);
  // An independent ExifTool, as another app: it prepares the files and checks what Phototag wrote.
  const otherApp = new ExifTool({ maxProcs: 1 });
  let library: LibraryService;
  let corrections: CorrectionService;
  const tagsOf = (name: string) => library.describePhoto(file(name)).tags.map((t) => [t.name, t.source, t.state]);

  beforeAll(async () => {
    copyPhotos(sharedData('coco', 'images'), photos, [embedded, digikam, lightroom]);
    await otherApp.write(file(embedded), { 'XMP-lr:HierarchicalSubject': ['Places|Italy|Florence'], 'XMP-dc:Subject': ['Florence', 'Italy', 'Places', 'family'], 'IPTC:Keywords': ['archive'] } as never, { writeArgs: ['-overwrite_original'] });
    await otherApp.write(`${file(digikam)}.xmp`, { 'XMP-digiKam:TagsList': ['Animals/Giraffe', 'Trips/Kenya'], 'XMP-dc:Subject': ['Giraffe', 'Kenya'] } as never);
    await otherApp.write(file(lightroom).replace(/\.jpg$/, '.xmp'), { 'XMP-lr:HierarchicalSubject': ['Food|Pasta'], 'XMP-dc:Subject': ['Pasta', 'Food'], 'XMP-dc:Description': 'Lunch, written in Lightroom' } as never);
    library = LibraryService.open({ dataDir: path.join(temp.dir, 'data'), logger: createLogger(null) });
    corrections = new CorrectionService(library.db);
    library.addFolder(photos);
    await library.index();
  }, 120_000);
  afterAll(async () => {
    library?.close();
    await otherApp.end();
    temp.cleanup();
  });

  it('reads IPTC and XMP keywords in the photo and in both sidecar namings as the user\'s own tags, hierarchy kept', () => {
    // A flat dc:subject that is a level of a hierarchy belongs to it: Italy and Places are not tags of their own.
    expect(tagsOf(embedded)).toEqual(expect.arrayContaining([['Florence', 'file', 'accepted'], ['family', 'file', 'accepted'], ['archive', 'file', 'accepted']]));
    expect(tagsOf(embedded).map(([name]) => name)).not.toContain('Italy');
    expect(library.db.tags.keywordsOf(library.describePhoto(file(embedded)).id)).toEqual([
      { path: 'archive', origin: 'embedded' },
      { path: 'family', origin: 'embedded' },
      { path: 'Places|Italy|Florence', origin: 'embedded' },
    ]);
    expect(tagsOf(digikam)).toEqual(expect.arrayContaining([['Giraffe', 'file', 'accepted'], ['Kenya', 'file', 'accepted']]));
    expect(library.db.tags.keywordsOf(library.describePhoto(file(digikam)).id).map((k) => k.path)).toEqual(['Animals|Giraffe', 'Trips|Kenya']);
    expect(tagsOf(lightroom)).toEqual(expect.arrayContaining([['Pasta', 'file', 'accepted']]));
    const found = (q: string) => library.search(q, { limit: 10, offset: 0 }).results.map((r) => path.basename(r.path));
    expect(found('tag:florence')).toEqual([embedded]);
    expect(found('giraffe')).toEqual([digikam]);
  });

  it('reads a sidecar another app edited on the next pass, without analysing the photo again; a rejected keyword stays rejected', async () => {
    await otherApp.write(`${file(digikam)}.xmp`, { 'XMP-digiKam:TagsList': ['Animals/Giraffe', 'Trips/Kenya', 'Trips/Safari'] } as never, { writeArgs: ['-overwrite_original'] });
    const id = library.describePhoto(file(embedded)).id;
    corrections.correctTags('reject', [id], 'family');
    const pass = await library.index();
    expect(pass.done).toBe(0);
    expect(tagsOf(digikam)).toEqual(expect.arrayContaining([['Safari', 'file', 'accepted']]));
    // Analysed again (as after a model change), the file still says "family": the user's No stands.
    library.db.jobs.enqueue(id, library.describePhoto(file(embedded)).contentHash, 1, Date.now());
    expect((await library.index()).done).toBe(1);
    expect(tagsOf(embedded)).toEqual(expect.arrayContaining([['family', 'file', 'rejected'], ['Florence', 'file', 'accepted']]));
  });

  it('writes sidecars, merged with what other apps keep there, never touching a photo; ExifTool reads back exactly that, and a re-index adds nothing twice', async () => {
    const before = [embedded, digikam, lightroom].map((n) => sha(file(n)));
    const lunch = library.describePhoto(file(lightroom)).id;
    corrections.correctTags('add', [lunch], 'sunset');
    const summary = await library.exportSidecars({ naming: 'photo.xmp' });
    expect(summary).toMatchObject({ written: 3, failed: 0 });
    expect([embedded, digikam, lightroom].map((n) => sha(file(n)))).toEqual(before);

    const lr = await otherApp.read(file(lightroom).replace(/\.jpg$/, '.xmp'));
    // Lightroom's own keywords and description stay; Phototag's accepted tags join them.
    expect(asList(lr.HierarchicalSubject).sort()).toEqual(['Food|Pasta', 'sunset']);
    expect(asList(lr.Subject).sort()).toEqual(['Pasta', 'sunset']);
    expect(asList(lr.TagsList).sort()).toEqual(['Food/Pasta', 'sunset']);
    expect(lr.Description).toBe('Lunch, written in Lightroom');
    const florence = await otherApp.read(file(embedded).replace(/\.jpg$/, '.xmp'));
    // The rejected keyword is not written; the hierarchy goes out as it came in.
    expect(asList(florence.HierarchicalSubject).sort()).toEqual(['Places|Italy|Florence', 'archive']);

    const rows = () => library.describePhoto(file(lightroom)).tags.filter((t) => t.name === 'sunset');
    await library.index();
    expect(rows()).toEqual([expect.objectContaining({ name: 'sunset', source: 'user', state: 'accepted' })]);
    expect(tagsOf(lightroom).filter(([name]) => name === 'Pasta')).toHaveLength(1);
    // Nothing changed since: nothing is written again.
    expect(await library.exportSidecars({ naming: 'photo.xmp' })).toMatchObject({ written: 0, unchanged: 3, failed: 0 });
    // A tag removed in Phototag leaves the sidecar (it was Phototag's), Lightroom's stay.
    corrections.correctTags('remove', [lunch], 'sunset');
    expect(await library.exportSidecars({ naming: 'photo.xmp' })).toMatchObject({ written: 1 });
    expect(asList((await otherApp.read(file(lightroom).replace(/\.jpg$/, '.xmp'))).HierarchicalSubject)).toEqual(['Food|Pasta']);
  }, 120_000);

  it('leaves the old sidecar whole, and no temporary file behind, when a write fails', async () => {
    const sidecar = file(lightroom).replace(/\.jpg$/, '.xmp');
    const old = fs.readFileSync(sidecar);
    const lunch = library.describePhoto(file(lightroom)).id;
    corrections.correctTags('add', [lunch], 'picnic');
    // ExifTool dies half-way through the write (the disk filled up, the process was killed).
    class FailingTool extends SidecarTool {
      override async writeSidecar(target: string, tags: SidecarTags): Promise<void> {
        fs.writeFileSync(target, '<x:xmpmeta half');
        void tags;
        throw new Error('exiftool stopped');
      }
    }
    const tool = new FailingTool();
    try {
      const summary = await exportSidecars(library.db, tool, { naming: 'photo.xmp', libraryFolders: [photos], clock: { now: () => Date.now() } });
      expect(summary.failed).toBe(1);
      expect(summary.failures[0]).toEqual({ path: sidecar, reason: 'exiftool stopped' });
    } finally {
      await tool.close();
    }
    expect(fs.readFileSync(sidecar)).toEqual(old);
    expect(fs.readdirSync(photos).filter((f) => f.includes('phototag'))).toEqual([]);
  });
});
