import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Caches per-image model outputs (plain JSON arrays) across tuning runs, keyed by variant name, so that trying a
 * new fusion rule does not re-run minutes of inference. Lives in the OS temp dir, never in the repo.
 */
export class RawOutputCache {
  private readonly dir: string;

  constructor(name: string) {
    this.dir = path.join(os.tmpdir(), 'phototag-tune-cache', name);
    fs.mkdirSync(this.dir, { recursive: true });
  }

  async get<T>(variant: string, file: string, compute: () => Promise<T>): Promise<T> {
    const target = path.join(this.dir, variant, file + '.json');
    if (fs.existsSync(target)) return JSON.parse(fs.readFileSync(target, 'utf8')) as T;
    const value = await compute();
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, JSON.stringify(value));
    return value;
  }
}
