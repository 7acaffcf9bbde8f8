import type { ApiEvent } from '../../contract/api.js';
import type { MediaRequest } from '../../contract/media.js';
import { fail, type Result } from '../../contract/result.js';
import type { MediaAnswer } from '../../core/media/resolveMedia.js';
import { parseLibraryRequest, type LibraryMessage, type LibraryRequest } from './libraryProtocol.js';
import type { MessageEndpoint } from './messageEndpoint.js';

/** What the library process needs of LibraryHost (electron/core/host); the tests serve a fake of it. */
export interface LibraryHostSurface {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: ApiEvent) => void): () => void;
  media(request: MediaRequest): MediaAnswer;
  close(): Promise<void>;
}

export interface ServeLog {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/**
 * The library process's side of the protocol: opens the host and answers requests until the main process closes
 * the connection (or dies), closing the host on the way out. Resolves when the connection is gone; the process
 * should then exit. It never closes the connection itself: a message posted just before a close (the reason the
 * library could not open, the shutdown confirmation) could be lost, so ending the conversation is main's job.
 */
export function serveLibrary(endpoint: MessageEndpoint, openHost: () => Promise<LibraryHostSurface>, log?: ServeLog): Promise<void> {
  let unsubscribe: (() => void) | null = null;
  let closing: Promise<void> | null = null;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });

  const send = (message: LibraryMessage): void => {
    try {
      endpoint.post(message);
    } catch (error) {
      // An answer that cannot be cloned (a bug in a handler) still gets an answer, so the caller is not left waiting.
      log?.error({ err: (error as Error).message, type: message.type }, 'cannot send to the main process');
      if (message.type === 'call-result') endpoint.post({ type: 'call-result', id: message.id, result: fail('internal', 'the library could not send its answer') });
    }
  };

  const host: Promise<LibraryHostSurface | null> = openHost().then(
    (opened) => {
      unsubscribe = opened.subscribe((event) => send({ type: 'event', event }));
      send({ type: 'ready' });
      return opened;
    },
    (error: unknown) => {
      send({ type: 'open-failed', message: error instanceof Error ? error.message : String(error) });
      return null;
    },
  );

  const closeHost = (): Promise<void> => {
    closing ??= host.then(async (opened) => {
      unsubscribe?.();
      try {
        await opened?.close();
      } catch (error) {
        log?.error({ err: (error as Error).message }, 'library did not close cleanly');
      }
    });
    return closing;
  };

  const answer = async (request: LibraryRequest): Promise<void> => {
    if (request.type === 'shutdown') {
      await closeHost();
      send({ type: 'shutdown-done', id: request.id });
      return;
    }
    const opened = closing === null ? await host : null;
    if (request.type === 'call') {
      send({ type: 'call-result', id: request.id, result: opened ? await safeCall(opened, request.method, request.input) : fail('internal', 'the library is closed') });
    } else {
      send({ type: 'media-answer', id: request.id, answer: opened ? safeMedia(opened, request.request) : { ok: false, status: 404, reason: 'the library is closed' } });
    }
  };

  endpoint.onMessage((raw) => {
    const request = parseLibraryRequest(raw);
    if (request === null) {
      log?.warn({ raw: typeof raw }, 'ignoring a message that is not a library request');
      return;
    }
    void answer(request);
  });
  // Also when the main process went away without asking first: the database and the watcher still close properly.
  endpoint.onClose(() => void closeHost().then(finish));

  return finished;
}

/** LibraryHost.call never throws by contract; a bug that breaks it still becomes an answer. */
async function safeCall(host: LibraryHostSurface, method: string, input: unknown): Promise<Result<unknown>> {
  try {
    return await host.call(method, input);
  } catch (error) {
    return fail('internal', `${method} failed: ${(error as Error).message}`);
  }
}

function safeMedia(host: LibraryHostSurface, request: MediaRequest): MediaAnswer {
  try {
    return host.media(request);
  } catch (error) {
    return { ok: false, status: 404, reason: `the picture could not be found: ${(error as Error).message}` };
  }
}
