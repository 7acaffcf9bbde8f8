import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../../helpers/cli.js';
import { sharedData } from '../../helpers/sharedData.js';
import { copyPhotos, makeTempDir } from '../../helpers/tempDirs.js';

/** The bound is 2 s; the margin absorbs a loaded 2-core CI machine. Before the fix: 6 s (serve), 11 s (watch). */
const STOP_BOUND_MS = 5000;

function countIndexed(dbFile: string): number {
  try {
    const db = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare(`SELECT COUNT(*) AS n FROM photos WHERE state = 'indexed'`).get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // not created yet, or busy for a moment
  }
}

/**
 * Ctrl-C on a command that indexes with the 'accurate' models (the slow ones, whose back-pressure window holds
 * several seconds of work): it must stop within the bound, storing only batches already inside a model call.
 */
async function interruptMidIndex(command: 'serve' | 'watch', root: string, photoCount: number): Promise<{ stopMs: number; dataDir: string; files: string[] }> {
  const photos = path.join(root, 'photos');
  const source = sharedData('coco', 'images');
  const files = copyPhotos(source, photos, fs.readdirSync(source).filter((name) => name.endsWith('.jpg')).sort().slice(0, photoCount));
  const dataDir = path.join(root, 'data');
  expect(runCli(['--data-dir', dataDir, 'add', photos]).status).toBe(0);
  const dbFile = path.join(dataDir, 'library.db');

  const child = spawnCli(['--data-dir', dataDir, '--models', 'accurate', command]);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const started = Date.now();
  // Mid-index: some photos stored, the models busy with more.
  while (countIndexed(dbFile) < 4) {
    if (Date.now() - started > 180_000) throw new Error(`phototag ${command} indexed nothing in 3 minutes: ${stderr}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const signalled = Date.now();
  child.kill('SIGINT');
  const code = await exited;
  const stopMs = Date.now() - signalled;
  console.log(`phototag ${command} stopped ${stopMs} ms after SIGINT`);
  expect(code, stderr).toBe(0);
  return { stopMs, dataDir, files };
}

/** Every photo indexed once or still queued for a later run; nothing failed, lost, duplicated or left running. */
function expectNothingLostOrDuplicated(dataDir: string, total: number): void {
  const db = new Database(path.join(dataDir, 'library.db'), { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const photos = db.prepare('SELECT COUNT(*) AS n, COUNT(DISTINCT path) AS paths, COUNT(DISTINCT content_hash) AS hashes FROM photos').get();
    expect(photos).toEqual({ n: total, paths: total, hashes: total });
    const states = db.prepare(`SELECT state, COUNT(*) AS n FROM photos GROUP BY state`).all() as { state: string; n: number }[];
    const indexed = states.find((s) => s.state === 'indexed')?.n ?? 0;
    expect(states.every((s) => s.state === 'indexed' || s.state === 'queued')).toBe(true);
    const jobs = db.prepare(`SELECT state, COUNT(*) AS n, COUNT(DISTINCT photo_id) AS photos, MAX(attempts) AS attempts FROM jobs GROUP BY state`).all() as { state: string; n: number; photos: number; attempts: number }[];
    // Jobs handed back on the way out are queued as they were: not running, not failed, not counted as a crash.
    expect(jobs.map((j) => j.state)).toEqual(['queued']);
    expect(jobs[0]).toMatchObject({ n: total - indexed, photos: total - indexed, attempts: 0 });
    // A queued job belongs to a photo that is not indexed at the models' version, and vice versa.
    const both = db.prepare(`SELECT COUNT(*) AS n FROM photos p JOIN jobs j ON j.photo_id = p.id WHERE p.state = 'indexed' AND p.pipeline_version = j.pipeline_version`).get();
    expect(both).toEqual({ n: 0 });
    expect(indexed).toBeGreaterThanOrEqual(4);
    expect(indexed).toBeLessThan(total);
  } finally {
    db.close();
  }
}

describe('Ctrl-C while indexing with models (real phototag processes, real models, real SQLite)', () => {
  const temp = makeTempDir();
  afterAll(() => temp.cleanup());

  it('phototag serve stops within the bound, finishing only the batches in the models, losing no job', async () => {
    const { stopMs, dataDir, files } = await interruptMidIndex('serve', path.join(temp.dir, 'serve'), 40);
    expect(stopMs).toBeLessThan(STOP_BOUND_MS);
    expectNothingLostOrDuplicated(dataDir, files.length);

    // The photos given back are indexed by the next run, each once.
    const next = runCli(['--data-dir', dataDir, '--models', 'accurate', 'index'], { timeoutMs: 240_000 });
    expect(next.status, next.stderr).toBe(0);
    const db = new Database(path.join(dataDir, 'library.db'), { readonly: true });
    try {
      expect(db.prepare(`SELECT COUNT(*) AS n FROM photos WHERE state = 'indexed'`).get()).toEqual({ n: files.length });
      expect(db.prepare('SELECT COUNT(*) AS n FROM jobs').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  }, 420_000);

  it('phototag watch stops within the bound too', async () => {
    const { stopMs, dataDir, files } = await interruptMidIndex('watch', path.join(temp.dir, 'watch'), 40);
    expect(stopMs).toBeLessThan(STOP_BOUND_MS);
    expectNothingLostOrDuplicated(dataDir, files.length);
  }, 300_000);
});
