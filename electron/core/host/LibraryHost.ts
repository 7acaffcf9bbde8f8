import type { ApiEvent } from '../../contract/api.js';
import type { TaggerChoice } from '../../contract/views.js';
import type { Result } from '../../contract/result.js';
import { ApiEventFanout } from '../api/ApiEventFanout.js';
import { createApiHandlers, type ModelSettingsControl } from '../api/createApiHandlers.js';
import { readLibrarySettings, writeLibrarySettings } from '../config/librarySettings.js';
import { createLearningHandlers } from '../api/learningHandlers.js';
import { createAlbumHandlers } from '../api/albumHandlers.js';
import { LearningService } from '../learning/LearningService.js';
import { RetrainScheduler } from '../learning/RetrainScheduler.js';
import { TeachingService } from '../learning/TeachingService.js';
import { dispatchApiCall, type ApiHandlers } from '../api/dispatchApiCall.js';
import { CorrectionService } from '../library/CorrectionService.js';
import { LibraryService } from '../library/LibraryService.js';
import type { Logger } from '../logging/logger.js';
import { resolveMedia, type MediaAnswer, type MediaRequest } from '../media/resolveMedia.js';
import type { PhotoAnalyzer } from '../pipeline/PhotoAnalyzer.js';
import type { PhotoTextReader } from '../text/TextPass.js';
import { AsyncDisposables } from '../lifecycle/AsyncDisposables.js';
import type { Clock } from '../adapters/clock.js';
import { IndexingLoop } from './IndexingLoop.js';

export interface LibraryHostOptions {
  dataDir: string;
  analyzer?: PhotoAnalyzer | null;
  /** 'Fast then accurate': the better tagger that re-tags indexed photos while the indexer is idle (see LibraryService). */
  improver?: PhotoAnalyzer | null;
  /** Reads the text in photos while the indexer is idle, if the library's setting says so (see LibraryService). */
  textReader?: ((languages: readonly string[]) => Promise<PhotoTextReader>) | null;
  logger?: Logger;
  /** Time as the library sees it ("on this day", timestamps); tests pass their own. */
  clock?: Clock;
  /** start watching/indexing the folders in the background (default true) */
  watch?: boolean;
  /** The tagger profile the analyzer was opened with (null or absent: none), for the model settings. */
  runningTagger?: TaggerChoice | null;
  /** How the shell switches the running models (see LibraryRuntime); absent, a choice applies from the next start. */
  taggerSwitch?: TaggerSwitch;
}

/** A shell's way to switch the models this run indexes with. */
export interface TaggerSwitch {
  /** Starts a switch to `tagger` (the choice is already saved); returns at once. */
  request(tagger: TaggerChoice): void;
  state(): { switching: boolean; problem: string | null };
}

/** While photos are being analysed, the UI is told at most this often that the gallery has new photos. */
const PHOTOS_CHANGED_EVERY_MS = 1500;

/**
 * A running library for an app shell (Electron's main process, `phototag serve`): the one LibraryService (the
 * only writer of its database), the background indexer, and the contract's API and events over them. Calls are
 * answered while indexing runs: both share one connection on one thread, so each call sees a consistent DB.
 * The analyzer belongs to whoever passed it in; the host never closes it.
 */
export class LibraryHost {
  private readonly events: ApiEventFanout;
  private readonly handlers: ApiHandlers;
  private readonly indexer: IndexingLoop;
  private readonly learning: LearningService;
  private readonly retrainer: RetrainScheduler;
  private lastPhotosChanged = 0;
  private lastAnalysed = 0;
  private lastImproved = 0;
  private lastRemaining = -1;
  private lastTextRead = 0;
  private lastTextRemaining = -1;
  private closing: Promise<void> | null = null;
  /** Released in reverse: the indexer and learning stop (storing their work) before the database closes. */
  private readonly resources = new AsyncDisposables();

  private constructor(
    private readonly library: LibraryService,
    options: LibraryHostOptions,
  ) {
    this.events = new ApiEventFanout((error) => library.logger.warn({ err: error.message }, 'event listener failed'));
    this.indexer = new IndexingLoop(library, library.logger, {
      watch: options.watch ?? true,
      onProgress: (progress) => {
        this.emit({ type: 'index-progress', progress });
        const analysed = progress.done + progress.failed;
        const now = Date.now();
        // New thumbnails and tags appear as photos are stored; the gallery refetches on this, throttled.
        if (analysed !== this.lastAnalysed && (progress.phase === 'idle' || now - this.lastPhotosChanged >= PHOTOS_CHANGED_EVERY_MS)) {
          this.lastAnalysed = analysed;
          this.lastPhotosChanged = now;
          this.emit({ type: 'library-changed', reason: 'photos' });
        }
      },
      onStateChange: (state) => library.logger.info({ state }, 'indexer'),
      // Better tags land photo by photo: the screens refetch on this, throttled like new photos.
      onImprove: ({ remaining }) => {
        // Only when something changed (the improver reports while it waits too), and always for the last photo:
        // the count seen is kept even when not sent, so a queue that grows and empties within the throttle still
        // ends with a refetch.
        if (remaining === this.lastRemaining) return;
        this.lastRemaining = remaining;
        const now = Date.now();
        if (remaining === 0 || now - this.lastImproved >= PHOTOS_CHANGED_EVERY_MS) {
          this.lastImproved = now;
          this.emit({ type: 'library-changed', reason: 'photos' });
        }
      },
      // Words read land photo by photo: the screens refetch (has:text, text: results), throttled the same way.
      onText: ({ remaining }) => {
        if (remaining === this.lastTextRemaining) return;
        this.lastTextRemaining = remaining;
        const now = Date.now();
        if (remaining === 0 || now - this.lastTextRead >= PHOTOS_CHANGED_EVERY_MS) {
          this.lastTextRead = now;
          this.emit({ type: 'library-changed', reason: 'photos' });
        }
      },
    });
    // One undo for the user: Ctrl+Z takes back the newest tag correction or people decision, whichever came last.
    const corrections = new CorrectionService(library.db, undefined, library.people);
    const threshold = options.analyzer?.tagThreshold;
    this.learning = new LearningService(library.db, { dbFile: library.paths.database, logger: library.logger, ...(threshold !== undefined ? { modelThreshold: threshold } : {}) });
    this.learning.recoverInterrupted();
    const teaching = new TeachingService(library.db, corrections, this.learning);
    const notifyTags = () => this.emit({ type: 'library-changed', reason: 'tags' });
    this.retrainer = new RetrainScheduler(library.db, this.learning, {
      logger: library.logger,
      onTagsChanged: notifyTags,
      settled: () => this.indexer.view().state !== 'indexing',
    });
    this.handlers = createApiHandlers({
      learning: createLearningHandlers({ learning: this.learning, teaching, scheduler: this.retrainer, corrections, logger: library.logger, notifyTags }),
      albums: createAlbumHandlers({
        albums: library.albums,
        marks: library.marks,
        notifyAlbums: () => this.emit({ type: 'library-changed', reason: 'albums' }),
      }),
      library,
      corrections,
      indexer: {
        progress: () => this.indexer.progress(),
        status: () => ({ ...this.indexer.view(), models: options.analyzer?.version ?? null, improving: library.improvement(), readingText: library.textProgress() }),
        requestRun: () => this.indexer.requestRun(),
      },
      notify: (reason) => this.emit({ type: 'library-changed', reason }),
      modelSettings: modelSettings(library.paths.dataDir, options.analyzer ? (options.runningTagger ?? null) : null, options.taggerSwitch ?? null),
    });
    this.resources.defer(() => library.close());
    this.resources.defer(() => this.events.clear());
    this.resources.defer(() => this.learning.close());
    this.resources.defer(() => this.retrainer.close());
    this.resources.defer(() => this.indexer.close());
  }

  static async open(options: LibraryHostOptions): Promise<LibraryHost> {
    const library = LibraryService.open({
      dataDir: options.dataDir,
      analyzer: options.analyzer ?? null,
      improver: options.improver ?? null,
      textReader: options.textReader ?? null,
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
    });
    let host: LibraryHost;
    try {
      host = new LibraryHost(library, options);
    } catch (error) {
      library.close();
      throw error;
    }
    try {
      host.indexer.start();
      host.retrainer.start();
    } catch (error) {
      await host.close().catch(() => undefined);
      throw error;
    }
    return host;
  }

  /** Validates `input` against the contract and runs the method; never throws. */
  call(method: string, input: unknown): Promise<Result<unknown>> {
    if (this.closing) return Promise.resolve({ ok: false, error: { kind: 'internal', message: 'the library is closing' } });
    return dispatchApiCall(this.handlers, method, input, this.library.logger, this.library.paths.dataDir);
  }

  subscribe(listener: (event: ApiEvent) => void): () => void {
    return this.events.subscribe(listener);
  }

  media(request: MediaRequest): MediaAnswer {
    if (this.closing) return { ok: false, status: 404, reason: 'the library is closing' };
    return resolveMedia({ library: this.library.db, thumbnailsDir: this.library.paths.thumbnails }, request);
  }

  /**
   * Stops the watcher and the analysis (work in flight is stored first), then closes the database. A part that
   * fails to stop does not keep the others open: everything is released, then the failures are thrown together.
   */
  close(): Promise<void> {
    this.closing ??= this.resources.dispose();
    return this.closing;
  }

  private emit(event: ApiEvent): void {
    this.events.emit(event);
  }
}

/**
 * The saved choice lives in the data dir's settings.json, read by the shells before they start the models. A
 * choice is handed to the shell's switch, when it has one, which knows what is running and what is on its way.
 */
function modelSettings(dataDir: string, running: TaggerChoice | null, taggerSwitch: TaggerSwitch | null): ModelSettingsControl {
  const view = () => {
    const { settings } = readLibrarySettings(dataDir);
    return { tagger: settings.tagger, improve: settings.improve !== false, running, ...(taggerSwitch?.state() ?? { switching: false, problem: null }) };
  };
  return {
    view,
    choose: (tagger, improve) => {
      const saved = readLibrarySettings(dataDir).settings;
      writeLibrarySettings(dataDir, { ...saved, tagger, ...(improve !== undefined ? { improve } : {}) });
      taggerSwitch?.request(tagger);
      return view();
    },
  };
}
