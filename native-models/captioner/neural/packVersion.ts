import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * "caption-pack:<name>@<digest>" over every file the pack is made of. Stored with captions, it tells captions of a
 * retrained pack (same name, new weights) from the old ones, so the pipeline can re-caption when it changes.
 */
export function packVersion(name: string, packDir: string, files: readonly string[]): string {
  const hash = createHash('sha256');
  const chunk = Buffer.alloc(1 << 20);
  for (const file of files) {
    // Names relative to the pack, so the same pack installed in two places has one version.
    const relative = path.relative(packDir, file).split(path.sep).join('/');
    hash.update(`${relative.length}:${relative}`);
    const fd = fs.openSync(file, 'r');
    try {
      for (let read = fs.readSync(fd, chunk); read > 0; read = fs.readSync(fd, chunk)) hash.update(chunk.subarray(0, read));
    } finally {
      fs.closeSync(fd);
    }
  }
  return `caption-pack:${name}@${hash.digest('hex').slice(0, 16)}`;
}
