import fs from 'node:fs/promises';
import path from 'node:path';
import type { Protocol } from 'electron';
import { contentSecurityPolicy } from '../security/contentSecurityPolicy.js';
import { appAssetPath, contentTypeFor } from './appAssetPath.js';
import { APP_SCHEME } from './schemes.js';

const pageHeaders = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
};

/** What the window shows when the UI has not been built: the way to build it, rather than a blank page. */
const notBuiltPage = `<!doctype html><meta charset="utf-8"><title>Phototag</title>
<h1>The Phototag UI is not built</h1>
<p>Run <code>npm run build</code> in the Phototag folder (it builds renderer/dist), then reload with Ctrl+R.</p>`;

/**
 * Serves the renderer's build folder on `phototag-app://app/`, with the CSP on every response. Only files inside
 * that folder can be reached; an unknown path without an extension gets index.html, so a reload on one of the
 * UI's own routes still lands in the UI.
 */
export function registerAppProtocol(protocol: Protocol, rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405, headers: pageHeaders });
    const file = appAssetPath(rendererDir, request.url);
    if (file === null) return new Response('not found', { status: 404, headers: pageHeaders });
    const indexFile = path.join(path.resolve(rendererDir), 'index.html');
    const wantsPage = file === indexFile || path.extname(file) === '';
    const found = (await readIfFile(file)) ?? (wantsPage ? await readIfFile(indexFile) : null);
    if (found !== null) return new Response(found.body, { headers: { ...pageHeaders, 'Content-Type': contentTypeFor(found.file) } });
    if (wantsPage) return new Response(notBuiltPage, { headers: { ...pageHeaders, 'Content-Type': 'text/html; charset=utf-8' } });
    return new Response('not found', { status: 404, headers: pageHeaders });
  });
}

async function readIfFile(file: string): Promise<{ file: string; body: Buffer } | null> {
  try {
    return { file, body: await fs.readFile(file) };
  } catch {
    return null;
  }
}
