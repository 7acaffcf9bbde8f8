import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeLibrarySettings } from '../../../electron/core/config/librarySettings.js';
import { migrations } from '../../../db/migrations/index.js';
import { openDatabase } from '../../../db/openDatabase.js';
import { runCli, runCliJson } from '../../helpers/cli.js';
import { bindReadOnly, mountProblem, unmount } from '../../helpers/mounts.js';
import { sharedData } from '../../helpers/sharedData.js';
import { makeTempDir } from '../../helpers/tempDirs.js';

const noStackTrace = /^\s+at /m;

describe.skipIf(mountProblem !== null)(`a library on a read-only disk${mountProblem ? ` (skipped: ${mountProblem})` : ''}`, () => {
  const temp = makeTempDir();
  const library = path.join(temp.dir, 'library');
  const readOnly = path.join(temp.dir, 'read-only');
  const photos = sharedData('exif', 'images');
  const photo = path.join(photos, 'DSCN0010.jpg');
  const cli = (...args: string[]) => runCli(['--models', 'off', '--data-dir', readOnly, ...args]);
  let indexed: { status: { photos: Record<string, number> }; search: { total: number }; tags: unknown[] };

  beforeAll(() => {
    const writable = (...args: string[]) => runCli(['--models', 'off', '--data-dir', library, ...args]);
    expect(writable('add', photos).status).toBe(0);
    expect(writable('index').status).toBe(0);
    indexed = {
      status: runCliJson(['--data-dir', library, 'status']),
      search: runCliJson(['--data-dir', library, 'search', 'camera:nikon']),
      tags: runCliJson<{ tags: unknown[] }>(['--data-dir', library, 'tags']).tags,
    };
    // Closed cleanly: no -wal or -shm beside it, so SQLite has no wal-index to read and cannot create one.
    expect(fs.readdirSync(library).filter((name) => name.startsWith('library.db'))).toEqual(['library.db']);
    bindReadOnly(library, readOnly);
  }, 180_000);
  afterAll(() => {
    unmount(readOnly);
    temp.cleanup();
  });

  it('answers status, search, show and tags as from the writable library', () => {
    const status = runCliJson<{ photos: Record<string, number> }>(['--data-dir', readOnly, 'status']);
    expect(status.photos).toEqual(indexed.status.photos);
    expect(runCliJson<{ total: number }>(['--data-dir', readOnly, 'search', 'camera:nikon']).total).toBe(indexed.search.total);
    expect(indexed.search.total).toBeGreaterThan(0);
    expect(runCliJson<{ path: string }>(['--data-dir', readOnly, 'show', photo]).path).toBe(photo);
    expect(runCliJson<{ tags: unknown[] }>(['--data-dir', readOnly, 'tags']).tags).toEqual(indexed.tags);
    const plain = cli('status');
    expect(plain.status, plain.stderr).toBe(0);
    expect(plain.stderr).toBe('');
    expect(fs.readdirSync(library).filter((name) => name.startsWith('library.db'))).toEqual(['library.db']);
  });

  it('still reads it while another process has it open (its -wal and -shm on the read-only disk)', () => {
    const writer = new Database(path.join(library, 'library.db'));
    try {
      writer.pragma('wal_autocheckpoint = 0');
      writer.prepare('UPDATE photos SET camera = camera WHERE id = 1').run();
      expect(fs.existsSync(path.join(library, 'library.db-shm'))).toBe(true);
      expect(runCliJson<{ photos: Record<string, number> }>(['--data-dir', readOnly, 'status']).photos).toEqual(indexed.status.photos);
    } finally {
      writer.close();
    }
  });

  it('answers the learning commands that only read (learned, similar, retrain --history)', () => {
    for (const args of [['learned'], ['retrain', '--history']]) {
      const result = cli(...args);
      expect(result.status, `${args.join(' ')}: ${result.stderr}`).toBe(0);
      expect(result.stderr).not.toMatch(noStackTrace);
    }
    // Indexed without models, so there is nothing to compare; what matters is that it is not refused as a write.
    const similar = cli('similar', photo);
    expect(similar.stderr).toContain('has no stored embedding yet');
    expect(similar.stderr).not.toContain('read-only');
  });

  it.each([
    ['add', [photos]],
    ['remove', [photos]],
    ['index', []],
    ['watch', []],
    ['teach', ['beach', photo]],
  ])('refuses `%s` with what to do, not a stack trace', (command, args) => {
    const result = cli(command, ...args);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`phototag: The library in ${readOnly} is on a read-only disk or not writable (EROFS), so it cannot be changed:`);
    expect(result.stderr).not.toMatch(noStackTrace);
  });
});

describe.skipIf(mountProblem !== null)(`a library of an older Phototag on a read-only disk${mountProblem ? ` (skipped: ${mountProblem})` : ''}`, () => {
  const temp = makeTempDir();
  const library = path.join(temp.dir, 'library');
  const readOnly = path.join(temp.dir, 'read-only');
  afterAll(() => {
    unmount(readOnly);
    temp.cleanup();
  });

  it('is not read with the wrong schema: the user is told it must be upgraded, which needs it writable', () => {
    openDatabase(path.join(library, 'library.db'), { migrations: migrations.slice(0, 4) }).close();
    bindReadOnly(library, readOnly);
    const status = runCli(['--data-dir', readOnly, 'status']);
    expect(status.status).toBe(1);
    expect(status.stderr).toContain('was written by an older Phototag and must be upgraded before it can be read, which needs it writable');
    expect(status.stderr).not.toMatch(noStackTrace);
  });
});

describe.skipIf(mountProblem !== null)(`a log that cannot be written${mountProblem ? ` (skipped: ${mountProblem})` : ''}`, () => {
  const temp = makeTempDir();
  const dataDir = path.join(temp.dir, 'data');
  const logs = path.join(dataDir, 'logs');
  const cli = (...args: string[]) => runCli(['--models', 'off', '--data-dir', dataDir, ...args]);
  afterAll(() => {
    unmount(logs);
    temp.cleanup();
  });

  it('never stops a command: its warnings go to stderr instead', () => {
    fs.mkdirSync(logs, { recursive: true });
    bindReadOnly(logs, logs);
    // A folder with a damaged photo, so indexing has a warning to log.
    const added = cli('add', sharedData('broken', 'files'));
    expect(added.status, added.stderr).toBe(0);
    const index = cli('index');
    expect(index.status, index.stderr).toBe(0);
    expect(index.stderr).toContain(`phototag: the log ${path.join(logs, 'phototag.log')} cannot be written (EROFS); its warnings follow here.`);
    expect(index.stderr).toMatch(/"msg":"photo failed"/);
    expect(index.stderr).not.toMatch(noStackTrace);
    const status = cli('status');
    expect(status.status, status.stderr).toBe(0);
    expect(cli('search', 'broken').status).toBe(0);
  });
});

describe('the files of a library', () => {
  const temp = makeTempDir();
  const dataDir = path.join(temp.dir, 'data');
  afterAll(() => temp.cleanup());

  it('are private to the user: files 0600, folders 0700', () => {
    const folder = sharedData('exif', 'images');
    expect(runCli(['--models', 'off', '--data-dir', dataDir, 'add', folder]).status).toBe(0);
    // A reader holding the database open keeps its -wal and -shm after `index` closes, so their modes show.
    const reader = new Database(path.join(dataDir, 'library.db'), { readonly: true });
    try {
      reader.prepare('SELECT COUNT(*) FROM photos').get();
      const index = runCli(['--models', 'off', '--data-dir', dataDir, 'index']);
      expect(index.status, index.stderr).toBe(0);
      writeLibrarySettings(dataDir, { tagger: 'accurate' });
      const mode = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);
      const wrong: string[] = [];
      const walk = (dir: string) => {
        if (mode(dir) !== '700') wrong.push(`${dir} ${mode(dir)}`);
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
          const file = path.join(dir, entry.name);
          if (entry.isDirectory()) walk(file);
          else if (mode(file) !== '600') wrong.push(`${file} ${mode(file)}`);
        }
      };
      walk(dataDir);
      expect(wrong).toEqual([]);
      const names = fs.readdirSync(dataDir);
      expect(names).toEqual(expect.arrayContaining(['library.db', 'library.db-wal', 'library.db-shm', 'thumbnails', 'logs', 'settings.json']));
      expect(fs.readdirSync(path.join(dataDir, 'logs'))).toEqual(['phototag.log']);
      expect(fs.readdirSync(path.join(dataDir, 'thumbnails')).sort()).toEqual(['1024', '256']);
      const backup = path.join(temp.dir, 'backup.db');
      expect(runCli(['--data-dir', dataDir, 'backup', backup]).status).toBe(0);
      expect(mode(backup)).toBe('600');
    } finally {
      reader.close();
    }
  });
});
