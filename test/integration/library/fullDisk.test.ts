import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, runCliJson } from '../../helpers/cli.js';
import { mountProblem, mountTmpfs, resizeTmpfs, unmount } from '../../helpers/mounts.js';
import { sharedData } from '../../helpers/sharedData.js';
import { makeTempDir } from '../../helpers/tempDirs.js';

interface Status {
  photos: { total: number; indexed: number; queued: number; failed: number };
  failures: { path: string; kind: string | null; reason: string | null }[];
}

const photos = sharedData('coco', 'images');
const photoCount = fs.readdirSync(photos).filter((name) => /\.jpe?g$/i.test(name)).length;
const noStackTrace = /^\s+at /m;

describe.skipIf(mountProblem !== null)(`a full disk under the library${mountProblem ? ` (skipped: ${mountProblem})` : ''}`, () => {
  const temp = makeTempDir();
  const disk = path.join(temp.dir, 'disk');
  const dataDir = path.join(disk, 'data');
  const cli = (...args: string[]) => runCli(['--models', 'off', '--data-dir', dataDir, ...args]);
  afterAll(() => {
    unmount(disk);
    temp.cleanup();
  });

  it('stops `index` with one plain sentence, fails no photo for it, and the next run after freeing space finishes them all', () => {
    // Room for the database and the first photos' thumbnails, not for all of them (~18 MB).
    mountTmpfs(disk, '8m');
    expect(cli('add', photos).status).toBe(0);

    const full = cli('index');
    expect(full.status, full.stderr).toBe(1);
    expect(full.stderr).toContain(`The disk holding the library (${dataDir}) is full: free some space, then run \`phototag index\` again; nothing was lost.`);
    expect(full.stderr).not.toMatch(noStackTrace);
    expect(full.stderr).not.toMatch(/SqliteError|unexpected error/);

    const stopped = runCliJson<Status>(['--data-dir', dataDir, 'status']);
    expect(stopped.photos.failed, JSON.stringify(stopped.failures.slice(0, 3))).toBe(0);
    // Some photos were analysed before the disk filled: the fault hit the analysis (thumbnails), not just the scan.
    expect(stopped.photos.indexed).toBeGreaterThan(0);
    expect(stopped.photos.indexed).toBeLessThan(photoCount);

    resizeTmpfs(disk, '64m');
    const again = cli('index');
    expect(again.status, again.stderr).toBe(0);
    const finished = runCliJson<Status>(['--data-dir', dataDir, 'status']);
    expect(finished.photos).toMatchObject({ total: photoCount, indexed: photoCount, queued: 0, failed: 0 });
  });
});

describe('a library an older Phototag left with photos failed for a full disk', () => {
  const temp = makeTempDir();
  const dataDir = path.join(temp.dir, 'data');
  const cli = (...args: string[]) => runCli(['--models', 'off', '--data-dir', dataDir, ...args]);
  afterAll(() => temp.cleanup());

  it('queues those photos again and analyses them on the next run; a photo failed for its content stays failed', () => {
    const folder = sharedData('exif', 'images');
    expect(cli('add', folder).status).toBe(0);
    expect(cli('index').status).toBe(0);
    const failedForContent = runCliJson<Status>(['--data-dir', dataDir, 'status']).photos.failed;

    // What the old code wrote when the thumbnails disk filled up, next to a genuine content failure.
    const db = new Database(path.join(dataDir, 'library.db'));
    const rows = db.prepare<[], { id: number; path: string }>(`SELECT id, path FROM photos WHERE state = 'indexed' ORDER BY id LIMIT 4`).all();
    const ids = rows.map((r) => r.id);
    const fail = db.prepare(`UPDATE photos SET state = 'failed', error_kind = ?, error_reason = ? WHERE id = ?`);
    fail.run('internal', "cannot write thumbnails: ENOSPC: no space left on device, write", ids[0]);
    fail.run('internal', "cannot write thumbnails: ENOSPC: no space left on device, open '/x/thumbnails/256/ab/ab.webp.1-2.tmp'", ids[1]);
    fail.run('unreadable', 'cannot read the file (EMFILE); check its permissions', ids[2]);
    fail.run('corrupt', 'truncated JPEG data: the file ends before the image data does', ids[3]);
    db.close();
    expect(runCliJson<Status>(['--data-dir', dataDir, 'status']).photos.failed).toBe(failedForContent + 4);

    const again = cli('index');
    expect(again.status, again.stderr).toBe(0);
    const status = runCliJson<Status>(['--data-dir', dataDir, 'status']);
    expect(status.photos.failed).toBe(failedForContent + 1);
    expect(status.failures).toContainEqual({ path: rows[3]?.path, kind: 'corrupt', reason: 'truncated JPEG data: the file ends before the image data does' });
    expect(status.photos.queued).toBe(0);
  });
});
