import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseError } from '../../../db/errors.js';
import { latestSchemaVersion, migrations } from '../../../db/migrations/index.js';
import { openDatabase, schemaVersion } from '../../../db/openDatabase.js';
import { FACETS_SQL } from '../../../db/search/facetTokens.js';
import { makeTempDir } from '../../helpers/tempDirs.js';

describe('schema migrations on a real SQLite file', () => {
  const temp = makeTempDir();
  afterAll(() => temp.cleanup());

  it('bring an empty database to the latest version, in WAL mode', () => {
    const db = openDatabase(path.join(temp.dir, 'empty.db'));
    expect(schemaVersion(db)).toBe(latestSchemaVersion);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name`).all().map((r) => (r as { name: string }).name);
    expect(tables).toEqual(expect.arrayContaining(['folders', 'photos', 'tags', 'tag_synonyms', 'photo_tags', 'captions', 'corrections', 'jobs', 'photo_search']));
    db.close();
  });

  it('are versioned strictly upward and run once', () => {
    migrations.forEach((m, i) => expect(m.version).toBe(i + 1));
    const file = path.join(temp.dir, 'twice.db');
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(latestSchemaVersion);
    db.close();
  });

  it('roll back a migration that fails, leaving the previous version', () => {
    const file = path.join(temp.dir, 'broken.db');
    openDatabase(file).close();
    const bad = [...migrations, { version: latestSchemaVersion + 1, name: 'bad', sql: 'CREATE TABLE ok_so_far (x); THIS IS NOT SQL;' }];
    expect(() => openDatabase(file, { migrations: bad })).toThrow();
    const db = new Database(file);
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    expect(db.prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'ok_so_far'`).get()).toEqual({ n: 0 });
    db.close();
  });

  it('carry the search rows over into photo_search with its place column (migration 6), still searchable', () => {
    const file = path.join(temp.dir, 'v5.db');
    const v5 = openDatabase(file, { migrations: migrations.slice(0, 5) });
    expect(schemaVersion(v5)).toBe(5);
    v5.prepare(`INSERT INTO photos (id, path, file_name, size, mtime_ms, content_hash, added_at, state, gps_lat, gps_lon)
                VALUES (1, '/p/a.jpg', 'a.jpg', 1, 1, 'h', 1, 'indexed', 43.46, 11.88)`).run();
    v5.prepare(`INSERT INTO photo_search (rowid, tags, caption, file_name, folder, camera, facets) VALUES (1, 'dog', 'a dog', 'a.jpg', 'p', '', 'xall xsindexed xgps')`).run();
    v5.close();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(latestSchemaVersion);
    expect(db.prepare('SELECT rowid AS id, tags, facets, place FROM photo_search').all()).toEqual([{ id: 1, tags: 'dog', facets: 'xall xsindexed xgps', place: '' }]);
    expect(db.prepare(`SELECT rowid FROM photo_search WHERE photo_search MATCH 'dog'`).pluck().all()).toEqual([1]);
    expect(db.prepare('SELECT count(*) FROM photo_places').pluck().get()).toBe(0);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('make photos dated from their file undated, with the file date as a hint, and take them out of the date index (migration 7)', () => {
    const file = path.join(temp.dir, 'v6.db');
    const v6 = openDatabase(file, { migrations: migrations.slice(0, 6) });
    const insert = v6.prepare(`INSERT INTO photos (id, path, file_name, size, mtime_ms, content_hash, added_at, state, taken_at, taken_tz, date_source)
                               VALUES (?, ?, ?, 1, 1, ?, 1, 'indexed', ?, ?, ?)`);
    insert.run(1, '/p/from-file.jpg', 'from-file.jpg', 'h1', '2024-03-09T11:22:33', '+01:00', 'file');
    insert.run(2, '/p/exif.jpg', 'exif.jpg', 'h2', '2019-07-14T10:00:00', '+02:00', 'exif');
    insert.run(3, '/p/exif-no-zone.jpg', 'exif-no-zone.jpg', 'h3', '2019-07-15T10:00:00', null, 'exif');
    // The search rows as the index writer of version 6 wrote them.
    v6.prepare(`INSERT INTO photo_search (rowid, tags, caption, file_name, folder, camera, facets, place)
                SELECT p.id, '', '', p.file_name, '', '', ${FACETS_SQL}, '' FROM photos p`).run();
    expect(v6.prepare(`SELECT rowid FROM photo_search WHERE photo_search MATCH 'facets : xdated' ORDER BY rowid`).pluck().all()).toEqual([1, 2, 3]);
    v6.close();

    const db = openDatabase(file);
    const rows = db.prepare('SELECT id, taken_at AS takenAt, taken_tz AS takenTz, date_source AS dateSource, taken_tz_source AS tzSource, file_date AS fileDate FROM photos ORDER BY id').all();
    expect(rows).toEqual([
      { id: 1, takenAt: null, takenTz: null, dateSource: null, tzSource: null, fileDate: '2024-03-09T11:22:33+01:00' },
      { id: 2, takenAt: '2019-07-14T10:00:00', takenTz: '+02:00', dateSource: 'exif', tzSource: 'offset', fileDate: null },
      { id: 3, takenAt: '2019-07-15T10:00:00', takenTz: null, dateSource: 'exif', tzSource: null, fileDate: null },
    ]);
    const matching = (q: string) => db.prepare('SELECT rowid FROM photo_search WHERE photo_search MATCH ? ORDER BY rowid').pluck().all(q);
    expect(matching('facets : xdated')).toEqual([2, 3]);
    expect(matching('facets : y2024')).toEqual([]);
    expect(matching('facets : ymd20240309')).toEqual([]);
    // The rest of its search row is untouched, and now exactly what the writer computes.
    expect(db.prepare('SELECT facets FROM photo_search WHERE rowid = 1').pluck().get()).toBe(db.prepare(`SELECT ${FACETS_SQL} FROM photos p WHERE p.id = 1`).pluck().get());
    expect(matching('"from"')).toEqual([1]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('refuse a database from a newer Phototag, with a message that says what to do', () => {
    const file = path.join(temp.dir, 'newer.db');
    openDatabase(file).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${latestSchemaVersion + 5}`);
    raw.close();
    let error: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as DatabaseError).kind).toBe('db-too-new');
    expect((error as DatabaseError).message).toMatch(/newer Phototag: update Phototag/);
  });

  it('call a file that is not a database damaged', () => {
    const file = path.join(temp.dir, 'garbage.db');
    fs.writeFileSync(file, Buffer.alloc(4096, 7));
    expect(() => openDatabase(file)).toThrow(/damaged|Cannot use/);
  });
});
