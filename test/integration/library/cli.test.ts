import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliJson } from '../../helpers/cli.js';
import { sharedData } from '../../helpers/sharedData.js';
import { makeTempDir } from '../../helpers/tempDirs.js';

describe('the phototag CLI', () => {
  const temp = makeTempDir();
  const dataDir = path.join(temp.dir, 'data');
  const photos = sharedData('exif', 'images');
  const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args]);

  beforeAll(() => {
    expect(cli('add', photos).status).toBe(0);
    const index = cli('index');
    expect(index.status, index.stderr).toBe(0);
  }, 180_000);
  afterAll(() => temp.cleanup());

  it('status --json has the documented shape', () => {
    const status = runCliJson<{ photos: Record<string, number>; failures: unknown[] }>(['--data-dir', dataDir, 'status']);
    expect(Object.keys(status.photos)).toEqual(expect.arrayContaining(['total', 'indexed', 'queued', 'failed']));
    expect(status.photos.total).toBe(82);
    expect(Array.isArray(status.failures)).toBe(true);
  });

  it('search --json has the documented shape', () => {
    const page = runCliJson<{ query: string; total: number; results: { path: string; tags: unknown[]; caption: string | null }[] }>([
      '--data-dir', dataDir, 'search', 'camera:canon',
    ]);
    expect(page.query).toBe('camera:canon');
    expect(page.total).toBeGreaterThan(0);
    for (const r of page.results) {
      expect(r).toHaveProperty('path');
      expect(r).toHaveProperty('tags');
      expect(r).toHaveProperty('caption');
    }
  });

  it('show --json has the documented shape', () => {
    const photo = runCliJson<Record<string, unknown>>(['--data-dir', dataDir, 'show', path.join(photos, 'DSCN0010.jpg')]);
    for (const key of ['path', 'width', 'height', 'takenAt', 'camera', 'gps', 'tags', 'caption']) expect(photo).toHaveProperty(key);
    expect(photo.gps).toMatchObject({ lat: expect.any(Number), lon: expect.any(Number) });
  });

  it('tags --json lists the vocabulary with counts', () => {
    expect(runCliJson<{ tags: unknown[] }>(['--data-dir', dataDir, 'tags']).tags).toBeInstanceOf(Array);
  });

  it('doctor reports decoders, the GPU, the model backend chain and a timed inference', () => {
    const report = runCliJson<{ checks: { name: string; ok: boolean; detail: string }[] }>(['--data-dir', dataDir, 'doctor']);
    const names = report.checks.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['decoder sharp', 'decoder heic', 'gpu', 'model backend', 'models']));
    expect(report.checks.find((c) => c.name === 'decoder heic')?.ok).toBe(true);
    // No libtensorflow here: the chain must say why it went on to ONNX Runtime (tensors around it on wasm), and time
    // one inference on it. Without converted files (no `npm run build` yet) each model says it runs on wasm instead.
    const backend = report.checks.find((c) => c.name === 'model backend')?.detail;
    expect(backend).toMatch(/^onnxruntime \(pre- and post-processing on wasm, SIMD, 1 thread\(s\)\); skipped tensorflow-gpu: .+; tensorflow: .+/);
    if (backend?.includes('runs on wasm')) expect(backend).toMatch(/centernet runs on wasm: the ONNX model .+centernet\.onnx is missing/);
    expect(report.checks.find((c) => c.name === 'models')?.detail).toMatch(/then \d+ ms per photo/);
    expect(report.checks.find((c) => c.name === 'models accurate')).toMatchObject({ ok: true, detail: expect.stringMatching(/\d+ ms per photo/) });
    // German is installed beside English as a dev dependency (@tesseract.js-data/deu).
    expect(report.checks.find((c) => c.name === 'text reader')).toMatchObject({ ok: true, detail: 'English read by PP-OCRv4 (4 files intact); other languages installed for tesseract: deu' });
  });

  it('a malformed query fails with a pointer to the spot and exit code 2', () => {
    const result = cli('search', 'tag:"dining table');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/quote/i);
  });

  it('a missing folder fails with a clear message', () => {
    const result = cli('add', path.join(temp.dir, 'no-such-folder'));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/does not exist/);
  });

  it('an unknown command or bad option fails with usage and exit code 2', () => {
    expect(cli('frobnicate').status).toBe(2);
    expect(cli('search', 'x', '--limit', 'many').status).toBe(2);
  });

  it('a photo not in the library is reported as such', () => {
    const result = cli('show', '/nowhere/photo.jpg');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/No photo/);
  });

  it('backup copies the library into a new file that opens as the same library, and never overwrites', () => {
    const restored = path.join(temp.dir, 'restored');
    fs.mkdirSync(restored);
    const file = path.join(restored, 'library.db');
    const summary = runCliJson<{ file: string; photos: number; corrections: number; bytes: number }>(['--data-dir', dataDir, 'backup', file]);
    expect(summary).toMatchObject({ file, photos: 82, corrections: 0 });
    expect(summary.bytes).toBe(fs.statSync(file).size);
    expect(fs.readdirSync(restored)).toEqual(['library.db']);
    // Restoring is copying it over a data dir's library.db: the copy has every photo with its tags.
    const status = runCliJson<{ photos: { indexed: number } }>(['--data-dir', restored, 'status']);
    expect(status.photos.indexed).toBe(runCliJson<{ photos: { indexed: number } }>(['--data-dir', dataDir, 'status']).photos.indexed);
    const again = cli('backup', file);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
    expect(cli('backup', path.join(temp.dir, 'no-such-folder', 'b.db')).stderr).toMatch(/does not exist/);
    // A folder nobody can write a file into (even root): the message says what to do, not a stack trace.
    const unwritable = cli('backup', '/proc/phototag-backup.db');
    expect(unwritable.status).toBe(1);
    expect(unwritable.stderr).toMatch(/^phototag: Cannot write the backup to \/proc\/phototag-backup\.db: .+Choose a folder you can write to/);
  });

  it('refuses a database written by a newer Phototag', () => {
    const newer = path.join(temp.dir, 'newer');
    expect(runCli(['--data-dir', newer, 'status']).status).toBe(0);
    const db = new Database(path.join(newer, 'library.db'));
    db.pragma('user_version = 999');
    db.close();
    const result = runCli(['--data-dir', newer, 'status']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/newer Phototag/);
  });

  it('reports an unreadable database clearly', () => {
    const result = runCli(['--data-dir', '/proc/version/nope', 'status']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/phototag: /);
  });
});
