import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, runCliJson, spawnCli } from '../../helpers/cli.js';
import { photoWithSign } from '../../helpers/signPhotos.js';
import { makeTempDir } from '../../helpers/tempDirs.js';

const waitFor = async (condition: () => boolean, what: string, timeoutMs = 120_000) => {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

const signs: [string, string][] = [
  ['000000000009.jpg', 'BAKERY OPEN'],
  ['000000000025.jpg', 'garden museum'],
  ['000000000030.jpg', 'GARDEN MUSEUM'],
  ['000000000034.jpg', 'bakery open'],
  ['000000000036.jpg', 'BAKERY OPEN'],
  ['000000000042.jpg', 'garden museum'],
  ['000000000049.jpg', 'GARDEN MUSEUM'],
  ['000000000061.jpg', 'bakery open'],
];

describe('the text pass killed with SIGKILL', () => {
  const temp = makeTempDir('phototag-textkill-');
  afterAll(() => temp.cleanup());

  it('resumes and ends with every photo read once, nothing lost, an intact database', async () => {
    const photos = path.join(temp.dir, 'photos');
    fs.mkdirSync(photos, { recursive: true });
    for (const [i, [background, words]] of signs.entries()) await photoWithSign(background, words, 48 + (i % 3) * 8, path.join(photos, `sign-${i}.jpg`));
    const dataDir = path.join(temp.dir, 'data');
    const cli = ['--data-dir', dataDir, '--models', 'off'];
    expect(runCli([...cli, 'add', photos]).status).toBe(0);
    const indexed = runCli([...cli, 'index']);
    expect(indexed.status, indexed.stderr).toBe(0);
    const dbFile = path.join(dataDir, 'library.db');
    const readRows = () => {
      const db = new Database(dbFile, { readonly: true });
      try {
        return (db.prepare('SELECT COUNT(*) AS n FROM photo_text').get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    expect(readRows()).toBe(0);

    const kills: number[] = [];
    for (let kill = 0; kill < 2; kill++) {
      const child = spawnCli([...cli, 'read-text']);
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      // Killed once a photo more is read: mid-pass, however fast the machine.
      const before = readRows();
      await waitFor(() => readRows() > before, 'a photo read', 240_000);
      child.kill('SIGKILL');
      await exited;
      kills.push(readRows());
    }
    expect(kills.at(-1)).toBeLessThan(signs.length);

    const final = runCliJson<{ read: number; remaining: number }>([...cli, 'read-text']);
    expect(final).toMatchObject({ read: signs.length - (kills.at(-1) as number), remaining: 0 });
    const db = new Database(dbFile, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('SELECT COUNT(*) AS n FROM photo_text').get()).toEqual({ n: signs.length });
      expect(db.prepare('SELECT COUNT(*) AS n FROM photo_search').get()).toEqual({ n: signs.length });
      // Every photo's words are in its search row: the row and the words were committed together.
      const unsearchable = db
        .prepare("SELECT COUNT(*) AS n FROM photo_text t JOIN photo_search s ON s.rowid = t.photo_id WHERE t.full_text != '' AND s.text != t.full_text")
        .get() as { n: number };
      expect(unsearchable.n).toBe(0);
    } finally {
      db.close();
    }
    expect(runCliJson<{ read: number; remaining: number }>([...cli, 'read-text'])).toMatchObject({ read: 0, remaining: 0 });
    const found = runCliJson<{ total: number }>([...cli, 'search', 'text:museum']);
    expect(found.total).toBeGreaterThanOrEqual(2);
  }, 600_000);
});
