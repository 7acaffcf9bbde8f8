import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../../helpers/cli.js';
import { sharedData } from '../../helpers/sharedData.js';
import { copyPhotos, makeTempDir } from '../../helpers/tempDirs.js';

/**
 * First run as `npm run web` does it: `add`, then `serve`, which indexes in the background. Scripts read the URL
 * from the first line of stdout; a person reads on stderr what the indexer is doing and when it is done.
 */
describe('phototag add + serve on a new library', () => {
  const temp = makeTempDir('phototag-serve-out-');
  const dataDir = path.join(temp.dir, 'data');
  const photos = path.join(temp.dir, 'photos');
  afterAll(() => temp.cleanup());

  it('add points at what indexes the folder, and serve prints the URL first, then its progress and when it is indexed', async () => {
    copyPhotos(sharedData('coco', 'images'), photos, ['000000000009.jpg', '000000000025.jpg', '000000000030.jpg']);
    const added = runCli(['--data-dir', dataDir, 'add', photos]);
    expect(added.status).toBe(0);
    expect(added.stdout).toMatch(/`phototag serve`, `phototag watch` and the app index it as they run; `phototag index` indexes it once/);
    expect(added.stdout).not.toMatch(/Run `phototag index` to index it/);

    const child = spawnCli(['--data-dir', dataDir, '--models', 'off', 'serve', '--port', '0']);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const indexed = new Promise<void>((resolve, reject) => {
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
        if (/^Library indexed: /m.test(stderr)) resolve();
      });
      void exited.then((code) => reject(new Error(`serve exited with ${code} before the library was indexed:\n${stderr}`)));
    });
    try {
      await indexed;
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);

    expect(stdout.split('\n')[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=\S+$/);
    // Piped, so plain lines rather than a line rewritten in place.
    expect(stderr).not.toContain('\r');
    expect(stderr).toMatch(/^(Scanning the folders: \d+ files found|Indexing: \d+\/\d+ photos analysed)/m);
    expect(stderr).toMatch(/^Library indexed: 3 photos analysed in \S+\. Watching the folders for changes\.$/m);
    expect(stderr.indexOf('Library indexed')).toBeGreaterThan(stderr.indexOf('Serving the library'));
  });
});
