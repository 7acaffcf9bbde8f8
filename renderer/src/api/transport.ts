import { z } from 'zod';
import type { ApiEvent } from '../../../electron/contract/api.js';
import type { PhototagBridge } from '../../../electron/contract/bridge.js';
import { mediaPath } from '../../../electron/contract/media.js';
import type { ErrorKind, Result } from '../../../electron/contract/result.js';

/** How the client reaches the library: Electron's preload bridge, or the HTTP shell of `phototag serve`. */
export type Transport = PhototagBridge;

const errorSchema = z.object({ kind: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() });
const resultSchema = z.union([z.object({ ok: z.literal(true), value: z.unknown() }), z.object({ ok: z.literal(false), error: errorSchema })]);
const eventSchema = z.union([
  z.object({ type: z.literal('index-progress'), progress: z.record(z.string(), z.unknown()) }),
  z.object({ type: z.literal('library-changed'), reason: z.enum(['folders', 'photos', 'tags', 'models', 'albums']) }),
]);

const failure = (kind: ErrorKind, message: string): Result<never> => ({ ok: false, error: { kind, message } });

/**
 * The contract over `fetch('/api/<method>')` and one shared EventSource on `/api/events`. The token from the URL
 * `phototag serve` printed is sent as a header, the only way the API takes it. <img> and the event stream, which
 * cannot send headers, carry the media-only cookie the server set when the page first loaded with the token.
 */
export function httpTransport(token: string | null, base = ''): Transport {
  const listeners = new Set<(event: ApiEvent) => void>();
  let source: EventSource | null = null;

  const open = () => {
    source = new EventSource(`${base}/api/events`, { withCredentials: true });
    source.onmessage = (message: MessageEvent<string>) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(message.data);
      } catch {
        return;
      }
      if (!eventSchema.safeParse(parsed).success) return;
      for (const listener of listeners) listener(parsed as ApiEvent);
    };
  };

  return {
    async call(method, input) {
      // Without a token every call would be refused; say what to do without asking.
      if (!token) return failure('unauthorized', 'This page has no access token. Open the URL that `phototag serve` printed (it changes on every start).');
      let response: Response;
      try {
        response = await fetch(`${base}/api/${encodeURIComponent(method)}`, {
          method: 'POST',
          // The API takes the token from the header only; the media cookie has no business here.
          credentials: 'omit',
          headers: { 'content-type': 'application/json', 'x-phototag-token': token },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        return failure('internal', 'Cannot reach Phototag. Is `phototag serve` still running? Start it again and open the URL it prints.');
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        return failure('internal', `Phototag answered ${response.status} without a readable body. Reload the page.`);
      }
      const parsed = resultSchema.safeParse(body);
      if (!parsed.success) return failure('internal', `Phototag answered ${response.status} in an unexpected shape. Reload the page.`);
      return parsed.data as Result<unknown>;
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!source) open();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
    mediaUrl: (request) => `${base}${mediaPath(request)}`,
  };
}
