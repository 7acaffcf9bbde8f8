import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import { libraryPaths } from '../../../electron/core/config/dataDir.js';
import { asLibraryDamaged, inspectLibrary, rebuiltTables, repairLibrary, salvagedTables } from '../../../electron/core/library/libraryDamage.js';
import { LibraryService } from '../../../electron/core/library/LibraryService.js';
import { makeTempDir } from '../../helpers/tempDirs.js';

type Row = Record<string, unknown>;

/** A library with many photos and a long corrections log, so each table spans many pages. */
function buildLibrary(dataDir: string): { corrections: Row[]; photos: number } {
  fs.mkdirSync(dataDir, { recursive: true });
  const library = LibraryDatabase.open(path.join(dataDir, 'library.db'));
  const folder = library.folders.add('/photos', 1);
  const insertPhoto = library.db.prepare(
    "INSERT INTO photos (folder_id, path, file_name, size, mtime_ms, content_hash, added_at, state, pipeline_version) VALUES (?, ?, ?, 100, 1, ?, 1, 'indexed', 7)",
  );
  const insertCorrection = library.db.prepare("INSERT INTO corrections (photo_id, kind, new_value, created_at) VALUES (?, 'caption', ?, ?)");
  const insertVector = library.db.prepare("INSERT INTO photo_vectors (photo_id, kind, version, encoding, dim, data, updated_at) VALUES (?, 'embedding', 'v1', 'i8', 4, ?, 1)");
  library.transaction(() => {
    for (let i = 1; i <= 1500; i++) insertPhoto.run(folder.id, `/photos/img-${i}.jpg`, `img-${i}.jpg`, `hash-${i}`);
    for (let i = 1; i <= 1500; i++) insertVector.run(i, Buffer.from([1, 2, 3, i & 0x7f]));
    for (let i = 1; i <= 3000; i++) insertCorrection.run(1 + (i % 1500), `caption number ${i} written by the user, long enough to fill pages`, i);
  });
  const corrections = library.db.prepare('SELECT * FROM corrections ORDER BY id').all() as Row[];
  library.close();
  return { corrections, photos: 1500 };
}

/** Overwrites the leaf page in the middle (by key order) of `object`'s b-tree with garbage. */
function damageMiddleLeaf(file: string, object: string): void {
  const db = new Database(file, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const leaves = db.prepare<[string], { pageno: number }>("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY path").all(object);
  db.close();
  expect(leaves.length).toBeGreaterThan(4);
  const page = (leaves[Math.floor(leaves.length / 2)] as { pageno: number }).pageno;
  const garbage = Buffer.alloc(pageSize);
  for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 97 + 13) & 0xff;
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, garbage, 0, garbage.length, (page - 1) * pageSize);
  fs.closeSync(fd);
}

describe('repairing a damaged library file', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('reads a damaged table by key ranges, so one bad page loses only the rows on it', () => {
    const temp = makeTempDir();
    cleanup = temp.cleanup;
    const paths = libraryPaths(path.join(temp.dir, 'data'));
    const before = buildLibrary(paths.dataDir);
    damageMiddleLeaf(paths.database, 'corrections');
    expect(inspectLibrary(paths, false)).toMatchObject({ state: 'damaged', summary: expect.stringMatching(/your corrections log/) });

    const report = repairLibrary(paths, Date.UTC(2026, 0, 2));
    expect(report).toMatchObject({ outcome: 'salvaged', integrity: 'ok', unreadable: ['corrections'], reanalyse: 0, photosLost: 0 });
    expect(report.saved.photos).toBe(before.photos);

    const db = new Database(paths.database, { readonly: true });
    const after = db.prepare('SELECT * FROM corrections ORDER BY id').all() as Row[];
    db.close();
    // Only the rows of one page are gone: one contiguous run of ids, a page's worth at most.
    const kept = new Set(after.map((r) => r.id));
    const missing = before.corrections.filter((r) => !kept.has(r.id)).map((r) => r.id as number);
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.length).toBeLessThan(100);
    expect((missing[missing.length - 1] as number) - (missing[0] as number)).toBe(missing.length - 1);
    // And every row kept is the row as it was.
    const original = new Map(before.corrections.map((r) => [r.id, r]));
    for (const row of after) expect(row).toEqual(original.get(row.id));
    expect(report.saved.corrections).toBe(after.length);
    expect(fs.readdirSync(paths.dataDir).filter((n) => n.startsWith('library.db.damaged-2026-01-02'))).not.toHaveLength(0);
  });

  it('damage only in an index loses nothing and analyses nothing again', () => {
    const temp = makeTempDir();
    cleanup = temp.cleanup;
    const paths = libraryPaths(path.join(temp.dir, 'data'));
    const before = buildLibrary(paths.dataDir);
    damageMiddleLeaf(paths.database, 'photos_hash');
    const health = inspectLibrary(paths, true);
    expect(health).toMatchObject({ state: 'damaged', summary: expect.stringMatching(/lookup indexes of the photos and their metadata \(rebuildable\).*all of it can be rebuilt/) });

    const report = repairLibrary(paths, Date.UTC(2026, 0, 3));
    expect(report).toMatchObject({ outcome: 'salvaged', integrity: 'ok', unreadable: [], reanalyse: 0, photosLost: 0, lost: {} });
    expect(report.saved).toMatchObject({ photos: before.photos, corrections: before.corrections.length });
    expect(inspectLibrary(paths, true)).toEqual({ state: 'ok', full: true });
  });

  it('a damaged header: opening says damaged, doctor cannot read any of it, repair starts a fresh file and keeps the old', () => {
    const temp = makeTempDir();
    cleanup = temp.cleanup;
    const paths = libraryPaths(path.join(temp.dir, 'data'));
    buildLibrary(paths.dataDir);
    const original = fs.readFileSync(paths.database);
    const fd = fs.openSync(paths.database, 'r+');
    fs.writeSync(fd, Buffer.alloc(100, 0x5a), 0, 100, 0);
    fs.closeSync(fd);
    const damaged = fs.readFileSync(paths.database);
    expect(damaged.equals(original)).toBe(false);

    let opened: unknown = null;
    try {
      LibraryService.open({ dataDir: paths.dataDir }).close();
    } catch (error) {
      opened = error;
    }
    expect(asLibraryDamaged(opened)).toMatchObject({ kind: 'library-damaged', message: expect.stringMatching(/The library file is damaged.*phototag doctor --repair/) });
    expect(inspectLibrary(paths, false)).toMatchObject({ state: 'damaged', schemaReadable: false, summary: expect.stringMatching(/table of contents/) });

    const report = repairLibrary(paths, Date.UTC(2026, 0, 4));
    expect(report).toMatchObject({ outcome: 'fresh', integrity: 'ok' });
    expect(fs.readFileSync(report.damagedFile as string).equals(damaged)).toBe(true);
    expect(inspectLibrary(paths, true)).toEqual({ state: 'ok', full: true });
  });

  it("photos lost to the damage take their analysis with them, and the rest keep theirs", () => {
    const temp = makeTempDir();
    cleanup = temp.cleanup;
    const paths = libraryPaths(path.join(temp.dir, 'data'));
    buildLibrary(paths.dataDir);
    damageMiddleLeaf(paths.database, 'photos');

    const report = repairLibrary(paths, Date.UTC(2026, 0, 5));
    expect(report).toMatchObject({ outcome: 'salvaged', integrity: 'ok', reanalyse: 0 });
    expect(report.photosLost).toBeGreaterThan(0);
    expect(report.saved.photos).toBe(1500 - (report.photosLost as number));
    expect(report.lost.photo_vectors).toBe(report.photosLost);
    const db = new Database(paths.database, { readonly: true });
    const orphans = db.prepare('SELECT count(*) AS n FROM photo_vectors WHERE photo_id NOT IN (SELECT id FROM photos)').get();
    const vectors = db.prepare('SELECT count(*) AS n FROM photo_vectors').get();
    db.close();
    expect(orphans).toEqual({ n: 0 });
    expect(vectors).toEqual({ n: report.saved.photos });
  });

  it('every table of the schema is either carried over by a repair or rebuilt, so a new table needs a decision', () => {
    const temp = makeTempDir();
    cleanup = temp.cleanup;
    const library = LibraryDatabase.open(path.join(temp.dir, 'library.db'));
    const tables = library.db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'photo\\_search\\_%' ESCAPE '\\'")
      .all()
      .map((t) => t.name);
    library.close();
    expect(tables.filter((t) => !salvagedTables.includes(t) && !rebuiltTables.includes(t))).toEqual([]);
  });

  it("a photo whose tags straddle the damaged page keeps the tags read before it and is analysed again", () => {
    const temp = makeTempDir();
    cleanup = temp.cleanup;
    const paths = libraryPaths(path.join(temp.dir, 'data'));
    buildLibrary(paths.dataDir);
    const library = LibraryDatabase.open(paths.database);
    const insertTag = library.db.prepare("INSERT INTO tags (name, created_at) VALUES (?, 1)");
    const insertPhotoTag = library.db.prepare("INSERT INTO photo_tags (photo_id, tag_id, source, state, updated_at) VALUES (?, ?, 'user', 'accepted', 1)");
    library.transaction(() => {
      const tagIds = Array.from({ length: 12 }, (_, i) => Number(insertTag.run(`tag-${i}`).lastInsertRowid));
      for (let photo = 1; photo <= 1500; photo++) for (const tag of tagIds) insertPhotoTag.run(photo, tag);
    });
    const before = library.db.prepare('SELECT photo_id AS photoId, tag_id AS tagId FROM photo_tags ORDER BY photo_id, tag_id').all() as { photoId: number; tagId: number }[];
    library.close();
    damageMiddleLeaf(paths.database, 'photo_tags');

    const report = repairLibrary(paths, Date.UTC(2026, 0, 6));
    expect(report).toMatchObject({ outcome: 'salvaged', integrity: 'ok', photosLost: 0 });
    const db = new Database(paths.database, { readonly: true });
    const after = db.prepare('SELECT photo_id AS photoId, tag_id AS tagId FROM photo_tags ORDER BY photo_id, tag_id').all() as { photoId: number; tagId: number }[];
    const queued = new Set((db.prepare("SELECT id FROM photos WHERE state = 'queued'").all() as { id: number }[]).map((r) => r.id));
    db.close();
    const perPhoto = (rows: { photoId: number }[]) => rows.reduce((m, r) => m.set(r.photoId, (m.get(r.photoId) ?? 0) + 1), new Map<number, number>());
    const had = perPhoto(before);
    const has = perPhoto(after);
    const incomplete = [...had.keys()].filter((id) => has.get(id) !== had.get(id));
    expect(incomplete.length).toBeGreaterThan(0);
    // Only the rows of one page are missing (a page holds a few hundred of these small rows) ...
    expect(before.length - after.length).toBeLessThan(400);
    // ... the first photo it cut through kept the tags read before the bad page ...
    expect(has.get(incomplete[0] as number) ?? 0).toBeGreaterThan(0);
    // ... and every photo that lost tags is analysed again, and no other.
    expect([...queued].sort((a, b) => a - b)).toEqual(incomplete);
    expect(report.reanalyse).toBe(incomplete.length);
  });
});
