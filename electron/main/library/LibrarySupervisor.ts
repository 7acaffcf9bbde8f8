import type { ApiEvent } from '../../contract/api.js';
import type { MediaRequest } from '../../contract/media.js';
import { fail, type Result } from '../../contract/result.js';
import { ApiEventFanout } from '../../core/api/ApiEventFanout.js';
import { defaultLibraryTimeouts, LibraryClient, type LibraryTimeouts, type MediaReply } from './LibraryClient.js';
import type { MessageEndpoint } from './messageEndpoint.js';

/** A started library process, however it was started (Electron's utilityProcess in the app, a fake in tests). */
export interface LibraryConnection {
  endpoint: MessageEndpoint;
  /** Called when the process has ended, for whatever reason; code is null when it was killed by a signal. */
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

export interface SupervisorLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface LibrarySupervisorOptions {
  launch: () => LibraryConnection;
  timeouts?: Partial<LibraryTimeouts>;
  /** The wait before each restart in a run of crashes; one crash more than there are entries and it gives up. */
  restartDelaysMs?: readonly number[];
  /** A crash this long after the previous one starts a new run: a process that ran fine for a while earns its restarts back. */
  crashWindowMs?: number;
  /** Told once, when the library cannot be had (it failed to open, or keeps crashing), with the reason for the user. */
  onGaveUp?: (message: string) => void;
  log?: SupervisorLog;
  now?: () => number;
}

interface Running {
  connection: LibraryConnection;
  client: LibraryClient;
  exited: Promise<void>;
}

/** Where the next request goes: a client, or why there is none. */
type Usable = LibraryClient | { problem: string };

/**
 * Keeps one library process running for the main process and is what the rest of main talks to. Requests wait
 * while the process opens or restarts; a process that dies fails its waiting requests with a clear message and
 * is started again, up to a limit; a library that cannot open is not restarted at all (it would fail the same way).
 */
export class LibrarySupervisor {
  private readonly timeouts: LibraryTimeouts;
  private readonly restartDelaysMs: readonly number[];
  private readonly crashWindowMs: number;
  private readonly now: () => number;
  private readonly events: ApiEventFanout;
  private running: Running | null = null;
  private crashTimes: number[] = [];
  private restartTimer: NodeJS.Timeout | null = null;
  private finalProblem: string | null = null;
  private launches = 0;
  private usable!: Promise<Usable>;
  private settleUsable: ((usable: Usable) => void) | null = null;

  constructor(private readonly options: LibrarySupervisorOptions) {
    this.timeouts = { ...defaultLibraryTimeouts, ...options.timeouts };
    this.restartDelaysMs = options.restartDelaysMs ?? [250, 1000, 4000];
    this.crashWindowMs = options.crashWindowMs ?? 60_000;
    this.now = options.now ?? Date.now;
    this.events = new ApiEventFanout((error) => options.log?.error({ err: error.message }, 'library event listener failed'));
    this.renewUsable();
  }

  /** Why the library is unavailable for good (until the app restarts), or null while it is running or recovering. */
  get problem(): string | null {
    return this.finalProblem;
  }

  start(): void {
    if (this.running === null && this.finalProblem === null && this.restartTimer === null) this.launch();
  }

  async call(method: string, input: unknown): Promise<Result<unknown>> {
    const target = await this.whenUsable();
    return target instanceof LibraryClient ? target.call(method, input) : fail(target.kind, target.message);
  }

  async media(request: MediaRequest): Promise<MediaReply> {
    const target = await this.whenUsable();
    return target instanceof LibraryClient ? target.media(request) : { ok: false, status: 503, reason: target.message };
  }

  subscribe(listener: (event: ApiEvent) => void): () => void {
    return this.events.subscribe(listener);
  }

  /** Shuts the library down cleanly (so the watcher and the database close), killing it if it does not comply in time. */
  async stop(): Promise<void> {
    if (this.restartTimer !== null) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const running = this.running;
    // Detached first, so that giving up does not cut the connection the shutdown request still has to go over.
    this.running = null;
    this.giveUp('Phototag is shutting down.', false);
    if (!running) return;
    const confirmed = await running.client.shutdown();
    running.client.disconnect('Phototag is shutting down.');
    const exited = await Promise.race([running.exited.then(() => true), delay(this.timeouts.shutdownMs).then(() => false)]);
    if (!confirmed || !exited) {
      this.options.log?.warn({ confirmed, exited }, 'library process did not shut down cleanly; killing it');
      running.connection.kill();
    }
  }

  private launch(): void {
    this.launches++;
    const connection = this.options.launch();
    const client = new LibraryClient(connection.endpoint, this.timeouts);
    const exited = new Promise<void>((resolve) => connection.onExit(() => resolve()));
    const running: Running = { connection, client, exited };
    this.running = running;
    const isRestart = this.launches > 1;
    client.subscribe((event) => this.emit(event));
    connection.onExit((code) => this.lost(running, code === null ? 'it was killed' : `exit code ${code}`));
    connection.endpoint.onClose(() => this.lost(running, 'its connection closed'));
    void client.opened.then((outcome) => {
      if (this.running !== running) return;
      if (!outcome.ok) {
        this.running = null;
        client.disconnect(this.giveUp(outcome.message, true));
        connection.kill();
        return;
      }
      this.options.log?.info({ restart: isRestart }, 'library process ready');
      this.settleUsable?.(client);
      this.settleUsable = null;
      // Whatever a lost request was changing may or may not have landed: have the UI read the library afresh.
      if (isRestart) this.emit({ type: 'library-changed', reason: 'photos' });
    });
  }

  /** The process went away (exit, or its port closed — whichever is noticed first; the second is ignored). */
  private lost(running: Running, how: string): void {
    if (this.running !== running) return;
    this.running = null;
    running.connection.kill();
    if (running.client.openProblem !== null) {
      running.client.disconnect(this.giveUp(running.client.openProblem, true));
      return;
    }
    const now = this.now();
    this.crashTimes = this.crashTimes.filter((time) => now - time < this.crashWindowMs);
    this.crashTimes.push(now);
    const delayMs = this.restartDelaysMs[this.crashTimes.length - 1];
    if (delayMs === undefined) {
      running.client.disconnect(this.giveUp(`The library process keeps stopping (${this.crashTimes.length} times in a row, last ${how}). Quit and reopen Phototag; if it happens again, the log in the data folder says why.`, true));
      return;
    }
    this.options.log?.warn({ how, restartInMs: delayMs }, 'library process stopped unexpectedly; restarting it');
    running.client.disconnect(`The library process stopped unexpectedly (${how}) before it answered; Phototag is restarting it. Try again in a moment.`);
    // Requests already waiting for the lost process keep waiting, for the new one.
    if (this.settleUsable === null) this.renewUsable();
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      this.launch();
    }, delayMs);
  }

  /** Ends supervision with `problem` as every later request's answer; returns it for convenience. */
  private giveUp(problem: string, tellOwner: boolean): string {
    if (this.finalProblem !== null) return this.finalProblem;
    this.finalProblem = problem;
    if (this.settleUsable === null) this.renewUsable();
    this.settleUsable?.({ problem });
    this.settleUsable = null;
    this.running?.client.disconnect(problem);
    if (tellOwner) {
      this.options.log?.error({ problem }, 'library unavailable');
      this.options.onGaveUp?.(problem);
    }
    return problem;
  }

  private renewUsable(): void {
    this.usable = new Promise((resolve) => {
      this.settleUsable = resolve;
    });
  }

  /** The client to use, waiting (bounded by the call timeout) while the library opens or restarts. */
  private async whenUsable(): Promise<LibraryClient | { kind: 'internal' | 'library-busy'; message: string }> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timed-out'>((resolve) => {
      timer = setTimeout(() => resolve('timed-out'), this.timeouts.callMs);
    });
    const target = await Promise.race([this.usable, timedOut]);
    clearTimeout(timer);
    if (target === 'timed-out') return { kind: 'library-busy', message: 'The library is still starting. Try again in a moment.' };
    return target instanceof LibraryClient ? target : { kind: 'internal', message: target.problem };
  }

  private emit(event: ApiEvent): void {
    this.events.emit(event);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
