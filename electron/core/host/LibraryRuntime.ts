import type { ApiEvent } from '../../contract/api.js';
import type { MediaRequest } from '../../contract/media.js';
import type { Result } from '../../contract/result.js';
import type { TaggerChoice } from '../../contract/views.js';
import type { Logger } from '../logging/logger.js';
import type { MediaAnswer } from '../media/resolveMedia.js';
import type { PhotoAnalyzer } from '../pipeline/PhotoAnalyzer.js';
import type { PhotoTextReader } from '../text/TextPass.js';
import { ApiEventFanout } from '../api/ApiEventFanout.js';
import { AsyncDisposables } from '../lifecycle/AsyncDisposables.js';
import { LibraryHost } from './LibraryHost.js';

export type RuntimeModels = TaggerChoice | 'off';

export interface OpenedAnalyzer {
  analyzer: PhotoAnalyzer | null;
  /** Why there is no analyzer, or what part of it did not start; null when all is well. */
  problem: string | null;
}

export interface LibraryRuntimeOptions {
  dataDir: string;
  logger?: Logger;
  watch?: boolean;
  /** Starts the models for a tagger ('off': none). The runtime closes every analyzer it is given. */
  openAnalyzer(models: RuntimeModels): Promise<OpenedAnalyzer>;
  /**
   * 'Fast then accurate': starts the better tagger, which re-tags the photos 'fast' indexed while the indexer is
   * idle. Opened once, beside the first models, and used while 'fast' runs; absent: photos keep their first tags.
   */
  openImprover?(): Promise<OpenedAnalyzer>;
  /** Starts the reader of text in photos (core/text/openTextReader) when there is text to read; absent: none is read. */
  textReader?: (languages: readonly string[]) => Promise<PhotoTextReader>;
}

/**
 * A library as an app shell runs it: the LibraryHost and the models it indexes with, which the user can switch
 * while it runs. A switch starts the new models first while the old ones go on indexing, then closes the host
 * (work in flight is stored) and opens it again over the new ones, and only then closes the old models; the
 * pipeline version changes with the models, so every photo is tagged again. Calls made during that short swap
 * wait for it. If the new models cannot start, or the host cannot open over them, the running ones stay (the
 * host is opened again over them) and the settings say why.
 */
export class LibraryRuntime {
  private readonly events: ApiEventFanout;
  private unsubscribe: () => void;
  /** The models asked for last; the switch loop runs until they are the running ones. */
  private wanted: RuntimeModels;
  private switchLoop: Promise<void> | null = null;
  private swap: Promise<void> | null = null;
  private problem: string | null = null;
  private closed = false;

  private constructor(
    private readonly options: LibraryRuntimeOptions,
    private host: LibraryHost,
    private analyzer: PhotoAnalyzer | null,
    private running: RuntimeModels,
    private readonly improver: PhotoAnalyzer | null,
  ) {
    this.wanted = running;
    this.events = new ApiEventFanout((error) => options.logger?.warn({ err: error.message }, 'event listener failed'));
    this.unsubscribe = host.subscribe((event) => this.emit(event));
  }

  static async open(options: LibraryRuntimeOptions, models: RuntimeModels): Promise<LibraryRuntime> {
    const [opened, better] = await Promise.all([options.openAnalyzer(models), models === 'fast' && options.openImprover ? options.openImprover() : null]);
    if (opened.problem !== null) options.logger?.warn({ models, problem: opened.problem }, 'models');
    if (better?.problem) options.logger?.warn({ problem: better.problem }, 'the better tagger did not start; photos keep their first tags');
    const improver = better?.analyzer ?? null;
    const running = opened.analyzer ? models : 'off';
    let runtime: LibraryRuntime | null = null;
    try {
      const host = await LibraryHost.open(LibraryRuntime.hostOptions(options, opened.analyzer, running, () => runtime, improver));
      runtime = new LibraryRuntime(options, host, opened.analyzer, running, improver);
      // Models that did not start at all are a failed choice like a failed switch: the Library screen says why.
      if (!opened.analyzer && models !== 'off') runtime.problem = opened.problem;
      return runtime;
    } catch (error) {
      await Promise.all([opened.analyzer?.close(), improver?.close()]);
      throw error;
    }
  }

  async call(method: string, input: unknown): Promise<Result<unknown>> {
    while (this.swap) await this.swap;
    return this.host.call(method, input);
  }

  subscribe(listener: (event: ApiEvent) => void): () => void {
    return this.events.subscribe(listener);
  }

  media(request: MediaRequest): MediaAnswer {
    if (this.swap) return { ok: false, status: 404, reason: 'the library is switching its tagging models; try again in a moment' };
    return this.host.media(request);
  }

  /** Finishes a switch under way, then stops the host and closes the models. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wanted = this.running;
    await this.switchLoop;
    this.unsubscribe();
    this.events.clear();
    // The models outlive the host that feeds them; one failing to close does not keep the other open.
    const resources = new AsyncDisposables();
    const { analyzer, host, improver } = this;
    resources.defer(() => improver?.close());
    resources.defer(() => analyzer?.close());
    resources.defer(() => host.close());
    await resources.dispose();
  }

  private switchState(): { switching: boolean; problem: string | null } {
    return { switching: this.switchLoop !== null, problem: this.problem };
  }

  private requestSwitch(models: RuntimeModels): void {
    if (this.closed) return;
    this.wanted = models;
    this.problem = null;
    // The running models chosen again, with no switch under way: nothing to do, nothing to announce.
    if (this.switchLoop === null && models === this.running) return;
    this.switchLoop ??= this.switchUntilWanted()
      .catch((error: Error) => {
        // The host could open over neither the new models nor the running ones: the log and the settings say so.
        this.problem = `the library could not restart (${error.message}); quit Phototag and start it again`;
        this.options.logger?.error({ err: error.message }, 'switching the tagging models failed');
      })
      .finally(() => {
        this.switchLoop = null;
        this.emit({ type: 'library-changed', reason: 'models' });
      });
  }

  private async switchUntilWanted(): Promise<void> {
    while (this.wanted !== this.running && !this.closed) {
      const target = this.wanted;
      this.options.logger?.info({ from: this.running, to: target }, 'switching the tagging models');
      let opened: OpenedAnalyzer;
      try {
        opened = await this.options.openAnalyzer(target);
      } catch (error) {
        opened = { analyzer: null, problem: (error as Error).message };
      }
      if (!opened.analyzer && target !== 'off') {
        this.problem = opened.problem ?? `the ${target} models did not start`;
        this.options.logger?.warn({ models: target, problem: this.problem }, 'the chosen models could not start; the running ones stay');
        if (this.wanted === target) return;
        continue;
      }
      if (this.wanted !== target || this.closed) {
        // Chosen again while these were starting: they are not wanted any more.
        await opened.analyzer?.close();
        continue;
      }
      // A part that did not start beside working models (a caption pack) is the log's business, not a failed switch.
      if (opened.problem !== null) this.options.logger?.warn({ models: target, problem: opened.problem }, 'models');
      if (!(await this.swapTo(opened.analyzer, target)) && this.wanted === target) return;
    }
  }

  /**
   * Moves the host over to `analyzer`. Two hosts cannot overlap (each runs an indexer, and the library has one
   * writer), so the old host closes first; the old models stay up until the new host runs, so that a host that
   * cannot open over the new models is opened again over the old ones. False when that happened (`problem` says
   * why); throws only when not even the old host opens again.
   */
  private async swapTo(analyzer: PhotoAnalyzer | null, models: RuntimeModels): Promise<boolean> {
    let finished: () => void = () => undefined;
    this.swap = new Promise<void>((resolve) => {
      finished = resolve;
    });
    try {
      this.unsubscribe();
      await this.host.close().catch((error: Error) => this.options.logger?.error({ err: error.message }, 'the library did not close cleanly; switching anyway'));
      let host: LibraryHost;
      try {
        host = await LibraryHost.open(LibraryRuntime.hostOptions(this.options, analyzer, models, () => this, this.improver));
      } catch (error) {
        const reason = (error as Error).message;
        this.problem = `the library could not start with the ${models} models (${reason}); the ${this.running} models go on`;
        this.options.logger?.error({ models, err: reason }, 'the library could not open over the new models; going back to the running ones');
        await analyzer?.close().catch((closeError: Error) => this.options.logger?.warn({ err: closeError.message }, 'the unused models did not close'));
        this.host = await LibraryHost.open(LibraryRuntime.hostOptions(this.options, this.analyzer, this.running, () => this, this.improver));
        this.unsubscribe = this.host.subscribe((event) => this.emit(event));
        return false;
      }
      const previous = this.analyzer;
      this.host = host;
      this.analyzer = analyzer;
      this.running = models;
      this.unsubscribe = this.host.subscribe((event) => this.emit(event));
      this.options.logger?.info({ models }, 'tagging models switched; photos are tagged again');
      await previous?.close().catch((error: Error) => this.options.logger?.warn({ err: error.message }, 'the previous models did not close'));
      return true;
    } finally {
      this.swap = null;
      finished();
    }
  }

  private static hostOptions(options: LibraryRuntimeOptions, analyzer: PhotoAnalyzer | null, running: RuntimeModels, runtime: () => LibraryRuntime | null, improver: PhotoAnalyzer | null) {
    return {
      dataDir: options.dataDir,
      analyzer,
      // The better tagger improves only what 'fast' indexed; over 'accurate' it would redo the same work.
      improver: running === 'fast' ? improver : null,
      textReader: options.textReader ?? null,
      watch: options.watch ?? true,
      runningTagger: running === 'off' ? null : running,
      ...(options.logger ? { logger: options.logger } : {}),
      taggerSwitch: {
        request: (tagger: TaggerChoice) => runtime()?.requestSwitch(tagger),
        state: () => runtime()?.switchState() ?? { switching: false, problem: null },
      },
    };
  }

  private emit(event: ApiEvent): void {
    this.events.emit(event);
  }
}
