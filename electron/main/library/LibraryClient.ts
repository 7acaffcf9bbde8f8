import type { ApiEvent } from '../../contract/api.js';
import type { MediaRequest } from '../../contract/media.js';
import { fail, type Result } from '../../contract/result.js';
import type { MediaAnswer } from '../../core/media/resolveMedia.js';
import { parseLibraryMessage, type LibraryMessage, type LibraryRequest } from './libraryProtocol.js';
import type { MessageEndpoint } from './messageEndpoint.js';

/** A media answer, or 503 when the library could not be asked at all (stopped, restarting, too slow). */
export type MediaReply = MediaAnswer | { ok: false; status: 503; reason: string };

export type OpenOutcome = { ok: true } | { ok: false; message: string };

export interface LibraryTimeouts {
  /** Opening includes starting the models and migrating the database, which can take a while on a big library. */
  openMs: number;
  callMs: number;
  mediaMs: number;
  shutdownMs: number;
}

export const defaultLibraryTimeouts: LibraryTimeouts = { openMs: 300_000, callMs: 120_000, mediaMs: 15_000, shutdownMs: 10_000 };

/** Why a request got no answer: 'library-busy' when it ran out of time (it may still finish), 'internal' when the library went away. */
interface Unanswered {
  kind: 'library-busy' | 'internal';
  message: string;
}

interface Pending {
  settle: (answer: LibraryMessage | Unanswered) => void;
  timer: NodeJS.Timeout;
}

/**
 * The main process's side of one library process: numbers requests, matches answers to them, gives up on a
 * request after its timeout and on all of them when the process is lost. Never throws and never rejects: every
 * outcome is a Result (or a MediaReply), as the bridge promises the UI.
 */
export class LibraryClient {
  readonly opened: Promise<OpenOutcome>;
  /** Set as soon as the library reports it cannot open, before `opened` settles. */
  openProblem: string | null = null;
  private settleOpened: (outcome: OpenOutcome) => void = () => undefined;
  private openSettled = false;
  private readonly openTimer: NodeJS.Timeout;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(event: ApiEvent) => void>();
  private lostReason: string | null = null;

  constructor(
    private readonly endpoint: MessageEndpoint,
    private readonly timeouts: LibraryTimeouts = defaultLibraryTimeouts,
  ) {
    this.opened = new Promise((resolve) => {
      this.settleOpened = resolve;
    });
    this.openTimer = setTimeout(() => this.failOpen(`The library did not finish opening within ${seconds(timeouts.openMs)}.`), timeouts.openMs);
    this.openTimer.unref();
    endpoint.onMessage((raw) => this.receive(raw));
  }

  async call(method: string, input: unknown): Promise<Result<unknown>> {
    const answer = await this.request((id) => ({ type: 'call', id, method, input }), this.timeouts.callMs, method);
    if ('kind' in answer) return fail(answer.kind, answer.message);
    return answer.type === 'call-result' ? answer.result : fail('internal', `the library answered ${method} with ${answer.type}`);
  }

  async media(request: MediaRequest): Promise<MediaReply> {
    const answer = await this.request((id) => ({ type: 'media', id, request }), this.timeouts.mediaMs, 'a picture');
    if ('kind' in answer) return { ok: false, status: 503, reason: answer.message };
    return answer.type === 'media-answer' ? answer.answer : { ok: false, status: 503, reason: `the library answered a picture request with ${answer.type}` };
  }

  /** Asks the library to close cleanly (watcher stopped, database closed); false when it did not confirm in time. */
  async shutdown(): Promise<boolean> {
    const answer = await this.request((id) => ({ type: 'shutdown', id }), this.timeouts.shutdownMs, 'shutdown');
    return !('kind' in answer) && answer.type === 'shutdown-done';
  }

  subscribe(listener: (event: ApiEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The process is gone: every waiting request is answered with `reason`, and so is every later one. */
  disconnect(reason: string): void {
    if (this.lostReason !== null) return;
    this.lostReason = reason;
    this.failOpen(reason);
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      clearTimeout(pending.timer);
      pending.settle({ kind: 'internal', message: reason });
    }
    try {
      this.endpoint.close();
    } catch {
      // Already closed by the other side.
    }
  }

  private request(build: (id: number) => LibraryRequest, timeoutMs: number, label: string): Promise<LibraryMessage | Unanswered> {
    if (this.lostReason !== null) return Promise.resolve({ kind: 'internal', message: this.lostReason });
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({ kind: 'library-busy', message: `The library did not answer ${label} within ${seconds(timeoutMs)}; it may still be working on it. Try again in a moment.` });
      }, timeoutMs);
      this.pending.set(id, { settle: resolve, timer });
      try {
        this.endpoint.post(build(id));
      } catch (error) {
        this.pending.delete(id);
        clearTimeout(timer);
        resolve({ kind: 'internal', message: `could not send ${label} to the library: ${(error as Error).message}` });
      }
    });
  }

  private receive(raw: unknown): void {
    const message = parseLibraryMessage(raw);
    if (message === null) return;
    switch (message.type) {
      case 'ready':
        if (this.openSettled) return;
        this.openSettled = true;
        clearTimeout(this.openTimer);
        this.settleOpened({ ok: true });
        return;
      case 'open-failed':
        this.failOpen(message.message);
        return;
      case 'event':
        for (const listener of this.listeners) listener(message.event);
        return;
      default: {
        const pending = this.pending.get(message.id);
        if (!pending) return; // answered after its timeout: the caller has moved on
        this.pending.delete(message.id);
        clearTimeout(pending.timer);
        pending.settle(message);
      }
    }
  }

  private failOpen(message: string): void {
    if (this.openSettled) return;
    this.openSettled = true;
    clearTimeout(this.openTimer);
    this.openProblem = message;
    this.settleOpened({ ok: false, message });
  }
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}
