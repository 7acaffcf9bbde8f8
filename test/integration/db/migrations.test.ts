import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseError } from '../../../db/errors.js';
import { latestSchemaVersion, migrations } from '../../../db/migrations/index.js';
import { openDatabase, schemaVersion } from '../../../db/openDatabase.js';
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
