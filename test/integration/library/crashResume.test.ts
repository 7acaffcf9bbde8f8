import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, runCliJson, spawnCli } from '../../helpers/cli.js';
import { sharedData } from '../../helpers/sharedData.js';
import { copyPhotos, makeTempDir } from '../../helpers/tempDirs.js';

interface Status {
  photos: { total: number; indexed: number; queued: number; failed: number };
}

/** Seeded so a failure can be replayed: kill points are "random" but the same every run. */
function seededRandom(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

describe('an index run killed with SIGKILL, again and again', () => {
  const temp = makeTempDir();
  afterAll(() => temp.cleanup());

  it('resumes with every photo indexed exactly once and an intact database', async () => {
    const photos = path.join(temp.dir, 'photos');
    const files = copyPhotos(sharedData('coco', 'images'), photos);
    const dataDir = path.join(temp.dir, 'data');
    expect(runCli(['--data-dir', dataDir, 'add', photos]).status).toBe(0);

    const random = seededRandom(20261124);
    const progress: number[] = [];
    for (let kill = 0; kill < 5; kill++) {
      const child = spawnCli(['--data-dir', dataDir, 'index']);
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      await new Promise((r) => setTimeout(r, 400 + random() * 1600));
      child.kill('SIGKILL');
      await exited;
      progress.push(runCliJson<Status>(['--data-dir', dataDir, 'status']).photos.indexed);
    }
    // The kills must land mid-run for this test to mean anything.
    expect(progress.at(-1)).toBeLessThan(files.length);

    const final = runCli(['--data-dir', dataDir, 'index']);
    expect(final.status, final.stderr).toBe(0);
    const status = runCliJson<Status>(['--data-dir', dataDir, 'status']);
    expect(status.photos).toMatchObject({ total: files.length, indexed: files.length, queued: 0, failed: 0 });

    const db = new Database(path.join(dataDir, 'library.db'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = db.prepare('SELECT COUNT(*) AS n, COUNT(DISTINCT path) AS paths, COUNT(DISTINCT content_hash) AS hashes FROM photos').get() as { n: number; paths: number; hashes: number };
      expect(rows).toEqual({ n: files.length, paths: files.length, hashes: files.length });
      expect(db.prepare('SELECT COUNT(*) AS n FROM jobs').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT COUNT(*) AS n FROM photo_search').get()).toEqual({ n: files.length });
    } finally {
      db.close();
    }
    expect(fs.existsSync(path.join(dataDir, 'indexer.lock'))).toBe(false);
  }, 300_000);
});
