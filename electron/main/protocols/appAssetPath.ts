import path from 'node:path';
import { isInside } from '../../core/paths/isInside.js';
import { APP_HOST, APP_SCHEME } from './schemes.js';

/**
 * The file in the renderer's build folder that an app URL (`phototag-app://app/assets/index-3f2a.js`) names, or
 * null when the URL is not ours or would step outside that folder (dot segments, encoded or not; drive letters;
 * backslashes; NUL). `/` is the UI's index.html.
 */
export function appAssetPath(rootDir: string, raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username !== '' || url.password !== '') return null;
  const segments: string[] = [];
  for (const encoded of url.pathname.split('/')) {
    if (encoded === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(encoded);
    } catch {
      return null;
    }
    if (segment === '.' || segment === '..' || /[\\/:\0]/.test(segment)) return null;
    segments.push(segment);
  }
  if (segments.length === 0) segments.push('index.html');
  const root = path.resolve(rootDir);
  const file = path.resolve(root, ...segments);
  // Belt and braces: the checks above already rule this out, but this one is what the guarantee rests on.
  return isInside(file, root) ? file : null;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The Content-Type for a bundle file, from our own table: the OS's MIME database is not to be trusted here
 * (Windows registries that map .js to text/plain make Chromium refuse every module script).
 */
export function contentTypeFor(file: string): string {
  return contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}
