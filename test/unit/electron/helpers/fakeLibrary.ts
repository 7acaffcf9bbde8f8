import { EventEmitter } from 'node:events';
import { MessageChannel } from 'node:worker_threads';
import type { ApiEvent } from '../../../../electron/contract/api.js';
import type { MediaRequest } from '../../../../electron/contract/media.js';
import { fail, ok, type Result } from '../../../../electron/contract/result.js';
import type { MediaAnswer } from '../../../../electron/core/media/resolveMedia.js';
import type { LibraryConnection } from '../../../../electron/main/library/LibrarySupervisor.js';
import { serveLibrary, type LibraryHostSurface } from '../../../../electron/main/library/serveLibrary.js';
import { nodePortEndpoint } from './nodePortEndpoint.js';

/**
 * A stand-in for LibraryHost with the same surface: answers `library.status`, echoes other known calls, and
 * can be told to never answer a method (for timeouts and crashes mid-call) or to emit events.
 */
export class FakeLibraryHost implements LibraryHostSurface {
  readonly calls: { method: string; input: unknown }[] = [];
  readonly hanging = new Set<string>();
  closed = false;
  private readonly listeners = new Set<(event: ApiEvent) => void>();

  constructor(readonly name: string = 'host') {}

  async call(method: string, input: unknown): Promise<Result<unknown>> {
    this.calls.push({ method, input });
    if (this.hanging.has(method)) return new Promise(() => undefined);
    if (method === 'throws') throw new Error('handler bug');
    if (method === 'uncloneable') return ok({ callback: () => 1 });
    if (method === 'library.status') return ok({ host: this.name });
    if (!method.includes('.')) return fail('unknown-method', `unknown method ${method}`);
    return ok({ method, input });
  }

  subscribe(listener: (event: ApiEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: ApiEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  media(request: MediaRequest): MediaAnswer {
    return request.photoId === 1 ? { ok: true, file: '/data/thumbnails/ab/abcd-256.webp', mime: 'image/webp' } : { ok: false, status: 404, reason: `no photo ${request.photoId}` };
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

export interface FakeProcess {
  /** Dies as a crashed process does: its end of the channel goes away and it exits with `code`. */
  crash(code?: number): void;
  readonly killed: boolean;
  readonly exitCode: number | null | undefined;
}

/**
 * A `launch` for LibrarySupervisor that runs serveLibrary in this process over a real MessageChannel instead of
 * forking a utility process. `openHost` is called once per launch (1, 2, …).
 */
export function fakeLauncher(openHost: (launch: number) => Promise<LibraryHostSurface>) {
  const processes: FakeProcess[] = [];
  const launch = (): LibraryConnection => {
    const { port1, port2 } = new MessageChannel();
    const exits = new EventEmitter();
    let exitCode: number | null | undefined;
    let killed = false;
    const exit = (code: number | null): void => {
      if (exitCode !== undefined) return;
      exitCode = code;
      port2.close();
      exits.emit('exit', code);
    };
    const number = processes.length + 1;
    processes.push({
      crash: (code = 1) => exit(code),
      get killed() {
        return killed;
      },
      get exitCode() {
        return exitCode;
      },
    });
    // Like libraryProcess.ts: the process exits once the main process has closed the connection.
    void serveLibrary(nodePortEndpoint(port2), () => openHost(number)).then(() => exit(0));
    return {
      endpoint: nodePortEndpoint(port1),
      onExit: (listener) => exits.once('exit', listener),
      kill: () => {
        killed = exitCode === undefined;
        exit(null);
      },
    };
  };
  return { launch, processes };
}

/** Waits until `condition` holds (polling), failing after `ms`. */
export async function until(condition: () => boolean, ms = 2000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > ms) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
