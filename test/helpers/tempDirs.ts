import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';

/** A fresh temp dir, removed by the returned cleanup. */
export function makeTempDir(prefix = 'phototag-test-'): { dir: string; cleanup: () => void } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Copies the named files (or all) from a shared data folder into `dest`, for tests that rename, move or delete. */
export function copyPhotos(srcDir: string, dest: string, names?: readonly string[]): string[] {
  fs.mkdirSync(dest, { recursive: true });
  const list = names ?? fs.readdirSync(srcDir).filter((n) => fs.statSync(path.join(srcDir, n)).isFile());
  return list.map((name) => {
    const target = path.join(dest, name);
    fs.copyFileSync(path.join(srcDir, name), target);
    return target;
  });
}

export function sha256File(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export async function waitFor<T>(probe: () => T | undefined | false | null, what: string, timeoutMs = 20_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
