import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream';
import type { ApiEvent } from '../contract/api.js';
import type { MediaRequest } from '../contract/media.js';
import type { Result } from '../contract/result.js';
import type { MediaAnswer } from '../core/media/resolveMedia.js';
import { foreignRequestReason, hasApiToken, hasMediaCookie, mediaCookieHeader, mediaCookieName, newCredentials, sameSecret } from './requestGuard.js';
import { mimeFor, resolveInside } from './staticFiles.js';

export interface HttpServerDeps {
  /** Validates and runs one API call; never throws. */
  call(method: string, input: unknown): Promise<Result<unknown>>;
  media(request: MediaRequest): MediaAnswer;
  subscribe(listener: (event: ApiEvent) => void): () => void;
}

export interface HttpServerOptions {
  port: number;
  /** The built renderer (index.html and assets); null serves the API alone. */
  staticDir: string | null;
  token?: string;
  maxBodyBytes?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
  res.end(text);
}

function statusFor(result: Result<unknown>): number {
  if (result.ok) return 200;
  switch (result.error.kind) {
    case 'bad-request':
    case 'query-syntax':
      return 400;
    case 'unknown-method':
    case 'not-found':
    case 'photo-not-found':
      return 404;
    case 'unauthorized':
      return 401;
    case 'forbidden':
      return 403;
    case 'library-busy':
      return 409;
    case 'storage-unavailable':
    case 'library-damaged':
      // The server is fine; the library it serves cannot be used until the user acts (free space, repair).
      return 503;
    case 'internal':
      return 500;
    default:
      return 422;
  }
}

class BodyTooLarge extends Error {}

async function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Past the limit the rest is read and dropped: stopping mid-body would tear down the socket the answer needs.
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= limit) chunks.push(chunk as Buffer);
  }
  if (size > limit) throw new BodyTooLarge(`the request body is over ${limit} bytes`);
  return Buffer.concat(chunks).toString('utf8');
}

/** A path segment as sent, decoded; null when its percent-encoding is broken (`%zz`). */
function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'self'; img-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

/**
 * The loopback web mode: the renderer and the API on 127.0.0.1 only. The API token arrives once in the URL the
 * shell prints; the page keeps it and sends it as a header. <img> and the event stream, which cannot send
 * headers, get a media-only cookie instead (see requestGuard.ts for why the two differ).
 */
export async function startHttpServer(deps: HttpServerDeps, options: HttpServerOptions): Promise<RunningServer> {
  const credentials = newCredentials(options.port, options.token);
  const maxBody = options.maxBodyBytes ?? 4 << 20;
  let port = options.port;

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((error: Error) => {
      if (!res.headersSent) send(res, 500, { ok: false, error: { kind: 'internal', message: error.message } });
      else res.destroy();
    });
  });

  const unauthorised = (res: http.ServerResponse, what: string) =>
    send(res, 401, { ok: false, error: { kind: 'unauthorized', message: `missing or wrong token for ${what}: open the URL that \`phototag serve\` printed` } });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // DNS rebinding: a page elsewhere that resolves its own name to 127.0.0.1 must not reach us.
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      send(res, 403, { ok: false, error: { kind: 'forbidden', message: `unexpected Host header ${JSON.stringify(host)}` } });
      return;
    }
    const foreign = foreignRequestReason(req, host);
    if (foreign) {
      send(res, 403, { ok: false, error: { kind: 'forbidden', message: `${foreign}: open Phototag from the URL \`phototag serve\` printed` } });
      return;
    }
    const url = new URL(req.url ?? '/', `http://${host}`);
    const route = url.pathname;
    const read = req.method === 'GET' || req.method === 'HEAD';

    if (route.startsWith('/media/')) {
      if (!read) {
        send(res, 405, { ok: false, error: { kind: 'bad-request', message: 'media is read with GET or HEAD' } }, { allow: 'GET, HEAD' });
        return;
      }
      if (!hasApiToken(req, credentials) && !hasMediaCookie(req, credentials)) {
        unauthorised(res, 'media');
        return;
      }
    } else if (route === '/api/events' && req.method === 'GET') {
      if (!hasApiToken(req, credentials) && !hasMediaCookie(req, credentials)) {
        unauthorised(res, 'the event stream');
        return;
      }
    } else if (route.startsWith('/api/')) {
      if (!hasApiToken(req, credentials)) {
        unauthorised(res, 'the API (it is sent only in the x-phototag-token header)');
        return;
      }
    }

    if (route === '/api/events' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      const unsubscribe = deps.subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
      const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
      req.on('close', () => {
        clearInterval(keepAlive);
        unsubscribe();
      });
      return;
    }

    if (route.startsWith('/api/')) {
      if (req.method !== 'POST') {
        send(res, 405, { ok: false, error: { kind: 'bad-request', message: 'API calls are POST requests with a JSON body' } }, { allow: 'POST' });
        return;
      }
      const method = decodeSegment(route.slice('/api/'.length));
      if (method === null) {
        send(res, 400, { ok: false, error: { kind: 'bad-request', message: 'the method name in the URL is not valid percent-encoding' } });
        return;
      }
      let body: string;
      try {
        body = await readBody(req, maxBody);
      } catch (error) {
        if (!(error instanceof BodyTooLarge)) throw error;
        send(res, 413, { ok: false, error: { kind: 'bad-request', message: `${error.message}; send less at once (e.g. fewer photo ids)` } });
        return;
      }
      let input: unknown;
      try {
        input = body.trim() === '' ? {} : JSON.parse(body);
      } catch (error) {
        send(res, 400, { ok: false, error: { kind: 'bad-request', message: `the body is not valid JSON (${(error as Error).message}); send one JSON object, e.g. {"query": "tag:dog"}` } });
        return;
      }
      const result = await deps.call(method, input);
      send(res, statusFor(result), result);
      return;
    }

    if (route.startsWith('/media/')) {
      const match = /^\/media\/(?:(thumb)\/(\d{1,12})\/(256|1024)|(photo|large)\/(\d{1,12}))$/.exec(route);
      if (!match) {
        send(res, 404, { ok: false, error: { kind: 'not-found', message: 'no such media' } });
        return;
      }
      const request: MediaRequest =
        match[1] === 'thumb'
          ? { kind: 'thumb', photoId: Number(match[2]), size: match[3] === '1024' ? 1024 : 256 }
          : { kind: match[4] === 'large' ? 'large' : 'original', photoId: Number(match[5]) };
      const answer = deps.media(request);
      if (!answer.ok) {
        send(res, answer.status, { ok: false, error: { kind: answer.status === 403 ? 'forbidden' : 'not-found', message: answer.reason } });
        return;
      }
      let file: fs.promises.FileHandle;
      let stat: fs.Stats;
      try {
        // The library answered with the file's real path; a link swapped in since then is refused, not followed.
        file = await fs.promises.open(answer.file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
      } catch (error) {
        send(res, 404, { ok: false, error: { kind: 'not-found', message: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'}): it was moved or deleted just now; reload to see the library as it is` } });
        return;
      }
      try {
        stat = await file.stat();
      } catch (error) {
        await file.close();
        throw error;
      }
      // Revalidated on every use (no-cache + ETag), never served from the cache alone: pages on other ports of
      // 127.0.0.1 are the same site and share the browser's cache, so a cached picture would skip the checks above.
      const etag = `"${stat.size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}"`;
      const caching = { 'cache-control': 'private, no-cache', etag };
      if (req.headers['if-none-match'] === etag || req.method === 'HEAD') {
        await file.close();
        if (req.method === 'HEAD') res.writeHead(200, { 'content-type': answer.mime, 'content-length': String(stat.size), ...caching, ...securityHeaders });
        else res.writeHead(304, caching);
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': answer.mime, 'content-length': String(stat.size), ...caching, ...securityHeaders });
      // pipeline closes the file when the browser goes away mid-picture, which pipe() would leave open.
      pipeline(file.createReadStream(), res, () => {});
      return;
    }

    // The renderer's static files. It routes by URL hash, so no other path needs to serve index.html.
    if (!read) {
      send(res, 405, { ok: false, error: { kind: 'bad-request', message: 'only GET here' } }, { allow: 'GET, HEAD' });
      return;
    }
    if (!options.staticDir) {
      send(res, 404, { ok: false, error: { kind: 'not-found', message: 'the renderer is not built; run `npm run build:renderer`' } });
      return;
    }
    const indexFile = resolveInside(options.staticDir, 'index.html');
    const file = route === '/' ? indexFile : resolveInside(options.staticDir, route.slice(1));
    if (!file) {
      send(res, 404, { ok: false, error: { kind: 'not-found', message: 'not found' } });
      return;
    }
    const headers: Record<string, string> = { 'content-type': mimeFor(file), ...securityHeaders };
    // The one place `?token=` counts: the first load of the page, which swaps it for the media cookie.
    if (file === indexFile && sameSecret(url.searchParams.get('token') ?? undefined, credentials.apiToken)) headers['set-cookie'] = mediaCookieHeader(credentials);
    res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  credentials.cookieName = mediaCookieName(port);
  return {
    url: `http://127.0.0.1:${port}/?token=${credentials.apiToken}`,
    port,
    token: credentials.apiToken,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
