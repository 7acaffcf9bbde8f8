import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiEvent } from '../contract/api.js';
import type { MediaRequest } from '../contract/media.js';
import type { Result } from '../contract/result.js';
import type { MediaAnswer } from '../core/media/resolveMedia.js';
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

const cookieName = 'phototag_token';

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
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
    case 'internal':
      return 500;
    default:
      return 422;
  }
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function tokenFrom(req: http.IncomingMessage, url: URL): string | undefined {
  const header = req.headers['x-phototag-token'];
  if (typeof header === 'string') return header;
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7);
  const cookie = req.headers.cookie?.split(';').map((c) => c.trim()).find((c) => c.startsWith(cookieName + '='));
  if (cookie) return cookie.slice(cookieName.length + 1);
  return url.searchParams.get('token') ?? undefined;
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
    "default-src 'self'; img-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
};

/**
 * The loopback web mode: the renderer and the API on 127.0.0.1 only, behind a random per-run token. The token
 * arrives once in the URL; the page keeps it in a same-site cookie so that <img> requests carry it too.
 */
export async function startHttpServer(deps: HttpServerDeps, options: HttpServerOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const maxBody = options.maxBodyBytes ?? 4 << 20;
  let port = options.port;

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((error: Error) => {
      if (!res.headersSent) send(res, 500, { ok: false, error: { kind: 'internal', message: error.message } });
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // DNS rebinding: a page elsewhere that resolves its own name to 127.0.0.1 must not reach us.
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      send(res, 403, { ok: false, error: { kind: 'forbidden', message: `unexpected Host header ${JSON.stringify(host)}` } });
      return;
    }
    const url = new URL(req.url ?? '/', `http://${host}`);
    const authorised = sameToken(tokenFrom(req, url), token);
    const route = url.pathname;

    if (route.startsWith('/api/') || route.startsWith('/media/')) {
      if (!authorised) {
        send(res, 401, { ok: false, error: { kind: 'unauthorized', message: 'missing or wrong token: open the URL that `phototag serve` printed' } });
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
      const match = /^\/media\/(thumb|photo)\/(\d{1,12})(?:\/(256|1024))?$/.exec(route);
      if (!match) {
        send(res, 404, { ok: false, error: { kind: 'not-found', message: 'no such media' } });
        return;
      }
      const photoId = Number(match[2]);
      const request: MediaRequest = match[1] === 'thumb' ? { kind: 'thumb', photoId, size: match[3] === '1024' ? 1024 : 256 } : { kind: 'original', photoId };
      const answer = deps.media(request);
      if (!answer.ok) {
        send(res, answer.status, { ok: false, error: { kind: answer.status === 403 ? 'forbidden' : 'not-found', message: answer.reason } });
        return;
      }
      res.writeHead(200, { 'content-type': answer.mime, 'cache-control': 'private, max-age=3600', ...securityHeaders });
      fs.createReadStream(answer.file, { flags: 'r' }).on('error', () => res.destroy()).pipe(res);
      return;
    }

    // The renderer's static files. It routes by URL hash, so no other path needs to serve index.html.
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, { ok: false, error: { kind: 'bad-request', message: 'only GET here' } });
      return;
    }
    if (!options.staticDir) {
      send(res, 404, { ok: false, error: { kind: 'not-found', message: 'the renderer is not built; run `npm run build:renderer`' } });
      return;
    }
    const file = route === '/' ? resolveInside(options.staticDir, 'index.html') : resolveInside(options.staticDir, route.slice(1));
    if (!file) {
      send(res, 404, { ok: false, error: { kind: 'not-found', message: 'not found' } });
      return;
    }
    const headers: Record<string, string> = { 'content-type': mimeFor(file), ...securityHeaders };
    if (authorised && url.searchParams.has('token')) headers['set-cookie'] = `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
