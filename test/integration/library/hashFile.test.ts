import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashFile } from '../../../electron/core/adapters/photoFiles.js';
import { makeTempDir } from '../../helpers/tempDirs.js';

/** hashFile reads through reused chunks (no fresh buffer per read): every byte counts once, whatever the sizes. */
describe('hashFile', () => {
  const temp = makeTempDir();
  afterAll(() => temp.cleanup());

  it('gives the sha256 of the whole file for empty, small, chunk-sized and multi-chunk files, side by side', async () => {
    const sizes = [0, 1, 1000, 256 * 1024, 256 * 1024 + 1, 3 * 256 * 1024 + 17, 2_000_000];
    const files = sizes.map((size, i) => {
      const file = path.join(temp.dir, `f${i}.bin`);
      const bytes = Buffer.alloc(size);
      for (let k = 0; k < size; k++) bytes[k] = (k * 31 + i) & 0xff;
      fs.writeFileSync(file, bytes);
      return { file, expected: createHash('sha256').update(bytes).digest('hex') };
    });
    // Concurrently, as the scan hashes: no two reads may share a chunk.
    const hashes = await Promise.all(files.map(({ file }) => hashFile(file, [temp.dir])));
    expect(hashes).toEqual(files.map((f) => f.expected));
    // And again, through the chunks the first round left idle.
    expect(await Promise.all(files.map(({ file }) => hashFile(file, [temp.dir])))).toEqual(files.map((f) => f.expected));
  });
});
