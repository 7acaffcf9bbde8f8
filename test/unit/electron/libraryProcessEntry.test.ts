import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const driver = path.join(import.meta.dirname, 'helpers', 'driveLibraryProcess.ts');

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('the library process entry (libraryProcess.ts) with the real LibraryHost', () => {
  it('opens the library, answers calls, media and events over its port, shuts down and exits', async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'phototag-library-process-'));
    dirs.push(work);
    const photos = path.join(work, 'photos');
    const noModels = path.join(work, 'no-models');
    fs.mkdirSync(photos);
    fs.mkdirSync(noModels);
    await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 120, b: 40 } } }).jpeg().toFile(path.join(photos, 'orange.jpg'));

    // A child process, because the entry ends its process when the conversation is over.
    const run = spawnSync(process.execPath, ['--import', 'tsx', driver, path.join(work, 'data'), photos, noModels], {
      cwd: root,
      encoding: 'utf8',
      timeout: 90_000,
      env: { ...process.env, PHOTOTAG_LOG_LEVEL: 'silent' },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const seen = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}');

    expect(seen.opened).toEqual({ ok: true });
    expect(seen.added).toMatchObject({ ok: true, value: { path: fs.realpathSync(photos) } });
    expect(seen.badInput).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
    expect(seen.status).toMatchObject({ ok: true, value: { photos: { total: 1, indexed: 1 }, indexer: { state: 'watching', models: null } } });
    expect(seen.thumb).toMatchObject({ ok: true, mime: 'image/webp' });
    expect(fs.existsSync(seen.thumb.file)).toBe(true);
    expect(seen.thumb.file.startsWith(path.join(work, 'data'))).toBe(true);
    expect(seen.missing).toMatchObject({ ok: false, status: 404 });
    expect(seen.shutdown).toBe(true);
    expect(seen.events).toEqual(expect.arrayContaining(['library-changed:folders', 'index-progress:idle', 'library-changed:photos']));
  });
});
