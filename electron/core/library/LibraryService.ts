import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PQueue from 'p-queue';
import { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import { buildTagTree } from '../../../db/search/tagHierarchy.js';
import type { FolderRow } from '../../../db/repositories/FolderRepository.js';
import type { PhotoRow } from '../../../db/repositories/PhotoRepository.js';
import { QueryError } from '../../../db/search/QueryError.js';
import { systemClock, type Clock } from '../adapters/clock.js';
import { listPhotoFiles, realPathOf, statFile } from '../adapters/photoFiles.js';
import { libraryPaths, type LibraryPaths } from '../config/dataDir.js';
import { readLibrarySettings, writeLibrarySettings } from '../config/librarySettings.js';
import { TextLanguageMissingError } from '../../../native-models/text/textLanguages.js';
import { isInside } from '../paths/isInside.js';
import { AnalysisRunner } from '../jobs/AnalysisRunner.js';
import { createLogger, type Logger } from '../logging/logger.js';
import type { PhotoAnalyzer } from '../pipeline/PhotoAnalyzer.js';
import { TagImprover, type ImproveProgress } from '../jobs/TagImprover.js';
import { TextPass, type PhotoTextReader, type TextProgress } from '../text/TextPass.js';
import { defaultTextReaders, installedReadingLanguages, readingLanguages, textReaderVersion } from '../text/openTextReader.js';
import { pipelineVersionFor } from '../pipeline/pipelineVersion.js';
import { describeWatcherError } from '../watcher/describeWatcherError.js';
import { watchFolders, type FolderEvent, type FolderWatcher } from '../watcher/watchFolders.js';
import { LibraryError } from './errors.js';
import { assertLibrarySound, copyDamage, refuseEmptiedLibrary } from './libraryDamage.js';
import { folderFor, reconcileFile, reconcileRemoved, type ReconcileContext } from './reconcile.js';
import { acquireWriterLock } from './writerLock.js';
import { asStorageError, storageFaultOf } from './storageFaults.js';
import { ProgressTracker, type IndexProgress } from './progress.js';
import { photoDetailView, photoSummaryView, type EstimateWithSource } from './views.js';
import type { FacetsView, LocationsView, OnThisDayView, PhotoDetailView, PhotoTextView, SearchPageView, TagCountView, TagTreeNodeView, TimelineView } from '../../contract/views.js';
import { countStaleHeads } from '../learning/learningInputs.js';
import { sharedPlaceGeocoder } from '../places/placeThread.js';
import { fillPlaces } from '../places/fillPlaces.js';
import { fillPlaceEstimates } from '../places/fillPlaceEstimates.js';
import { fillZones } from './fillZones.js';
import { fillKeywords } from './fillKeywords.js';
import { SidecarTool } from '../adapters/exifTool.js';
import type { SidecarNaming } from '../adapters/sidecarFiles.js';
import { exportSidecars, type ExportSidecarsSummary } from '../xmp/exportSidecars.js';
import type { PlaceGeocoder } from '../places/placeIndex.js';
import { FaceGrouper } from '../people/FaceGrouper.js';
import { PeopleService } from '../people/PeopleService.js';
import { RegroupWorker } from '../people/regroupWorker.js';
import { AlbumService } from '../albums/AlbumService.js';
import { PhotoMarkService } from '../albums/PhotoMarkService.js';
import { DuplicateService } from '../duplicates/DuplicateService.js';
import { fillHashes } from '../duplicates/fillHashes.js';
import { BackgroundCheckpoints, type BackgroundCheckpointOptions } from './BackgroundCheckpoints.js';

export interface LibraryServiceOptions {
  dataDir: string;
  clock?: Clock;
  logger?: Logger;
  analyzer?: PhotoAnalyzer | null;
  /**
   * A better tagger that re-tags, in the background, the photos `analyzer` indexed ('fast then accurate'): while
   * watching, whenever the index has nothing to do; on `improve()` until none is left. Absent: photos keep the
   * analyzer's tags.
   */
  improver?: PhotoAnalyzer | null;
  /**
   * Starts the reader of text in photos (core/text/openTextReader): while watching, photos are read in the
   * background whenever the index has nothing to do, if the library's setting says so; on `readText()` until none
   * is left. Absent: no text is read.
   */
  textReader?: ((languages: readonly string[]) => Promise<PhotoTextReader>) | null;
  /** Photos the text pass reads at once, a reader each (default: defaultTextReaders, two where there are two cores). */
  textReaders?: number;
  /** Names where GPS photos were taken (default: GeoNames towns and country borders, loaded on first use); null: none. */
  geocoder?: PlaceGeocoder | null;
  decodeConcurrency?: number;
  maxPixels?: number;
  /** Deleted photos are kept this long so a photo moved out and back (or to a folder added later) keeps its tags. */
  tombstoneDays?: number;
  watch?: { stabilityMs?: number; usePolling?: boolean };
  /** When the background checkpoint thread starts and how often it runs (BackgroundCheckpoints); defaults for the app. */
  checkpoints?: Partial<BackgroundCheckpointOptions>;
  /**
   * 'read' for a shell that only reads (status, search, show, tags): a library on a read-only disk still opens.
   * 'write' (the default) refuses such a library at once, with what to do, instead of failing at its first write.
   */
  access?: 'read' | 'write';
  /** While watching, faces are regrouped once the queue has been empty this long after photos were analysed. Default 5 s. */
  regroupQuietMs?: number;
  /**
   * The automatic regrouping (after an index pass, while watching) clusters up to this many faces on the calling
   * thread (all pairs up to 2,000 faces: well under a second here); a larger library is clustered in a worker thread
   * (`RegroupWorker`: 100,000 faces in 43–57 s, `npm run bench:faces`) while the API and indexing go on. Default 2,000.
   */
  mainThreadRegroupMaxFaces?: number;
  /**
   * Beyond this many faces the automatic regrouping is not run whole: only the faces in no group are clustered
   * (among themselves, up to this many), new faces still join people as they are stored, and
   * `phototag people --regroup` does the full one. Default 250,000 (about two and a half minutes in the worker).
   */
  autoRegroupMaxFaces?: number;
}

export interface LibraryStatus {
  photos: { total: number; indexed: number; queued: number; failed: number; missing: number };
  failures: { path: string; kind: string | null; reason: string | null }[];
  folders: { path: string; photos: number; lastScanAt: number | null }[];
  dataDir: string;
}

export interface BackupSummary {
  file: string;
  bytes: number;
  photos: number;
  corrections: number;
}

export interface IndexSummary {
  added: number;
  changed: number;
  moved: number;
  removed: number;
  done: number;
  failed: number;
  seconds: number;
}

/**
 * Photos decoded at once: one per core, at least two so file reads overlap decoding. Decoding runs on libuv's threads
 * at the host's priority (the model workers are niced), and once the models outpace it (ONNX Runtime's native
 * kernels) every slot stays busy. At two per core, four decoders on a 2-core machine filled libuv's pool and were
 * what most often took the host thread off its core (`perf` sched switches); at one per core, in 9 paired runs of the
 * onnxruntime pipeline on 40 coco photos (loaded machine), the event loop's 99th-percentile delay went from a median
 * of 68 to 48 ms (lower in 7 runs), its worst from 152 to 120 ms (lower in 6), at 6.3 → 7.9 photos/s.
 */
const defaultConcurrency = Math.max(2, Math.min(8, os.availableParallelism()));

/**
 * The headless library: folders, the index and the queries over it. The CLI, the HTTP server and Electron's main
 * process are thin shells over this class; it never imports Electron.
 */
export class LibraryService {
  readonly paths: LibraryPaths;
  readonly db: LibraryDatabase;
  readonly logger: Logger;
  private readonly clock: Clock;
  private readonly pipelineVersion: number;
  /** The improver's pipeline version: photos there are up to date too. */
  private readonly improvedVersion: number | null;
  /** The background re-tagging's progress while watching; null when there is no improver or no watch. */
  private improving: ImproveProgress | null = null;
  /** The background text reading's progress while watching; null when there is no reader or no watch. */
  private readingText: TextProgress | null = null;
  /** The library's text reading setting, read at open; `setTextReading` changes it for a running pass too. */
  private textReadingOn: boolean;
  /** The languages text is read in, as stored (English first); `setTextLanguages` changes them for a running pass too. */
  private readingIn: string[];
  private readonly geocoder: PlaceGeocoder | null;
  /** One per library writer: the runner's new faces and the user's corrections share its centroid cache. */
  private readonly grouper = new FaceGrouper();
  readonly people: PeopleService;
  /** The library's face recognition setting, read at open; `setFaceRecognition` changes it for the running indexer too. */
  private recognising: boolean;
  /** Copies the write-ahead log into the library file off this thread, once the library is being written. */
  private readonly checkpoints: BackgroundCheckpoints;
  /** ExifTool for XMP sidecars, started on first use. */
  private readonly sidecarTool = new SidecarTool();
  /** The regrouping's thread for libraries too large to cluster on this one; started on first use. */
  private readonly regroupWorker = new RegroupWorker();
  /** The user's favourites, ratings and albums. */
  readonly albums: AlbumService;
  readonly marks: PhotoMarkService;
  readonly duplicates: DuplicateService;

  private constructor(private readonly options: LibraryServiceOptions) {
    this.paths = libraryPaths(options.dataDir);
    const notWritable = writeRefusal(this.paths);
    if (notWritable !== null && options.access !== 'read') {
      throw new LibraryError(
        'storage-unavailable',
        `The library in ${this.paths.dataDir} is on a read-only disk or not writable (${notWritable}), so it cannot be changed: ` +
          'make it writable or use another --data-dir; reading it (status, search, show, tags) still works.',
        { fault: 'read-only', code: notWritable, dir: this.paths.dataDir },
      );
    }
    // Private to the user: the library holds where the photos were taken and what is in them.
    if (notWritable === null) fs.mkdirSync(this.paths.dataDir, { recursive: true, mode: 0o700 });
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? createLogger(this.paths.logs);
    refuseEmptiedLibrary(this.paths);
    this.db = notWritable === null ? LibraryDatabase.open(this.paths.database) : LibraryDatabase.openReadOnly(this.paths.database);
    this.checkpoints = BackgroundCheckpoints.watch(this.db, this.logger, options.checkpoints);
    this.pipelineVersion = pipelineVersionFor(options.analyzer?.version ?? null);
    // Without a first tagger there is nothing to improve: the photos have no tags of a model to redo.
    this.improvedVersion = options.analyzer && options.improver ? pipelineVersionFor(options.improver.version) : null;
    this.geocoder = options.geocoder === undefined ? sharedPlaceGeocoder() : options.geocoder;
    if (options.analyzer) this.db.tags.registerVocabulary(options.analyzer.vocabulary, this.clock.now());
    const settings = readLibrarySettings(options.dataDir).settings;
    this.recognising = settings.faceRecognition;
    this.textReadingOn = settings.textReading;
    // A language whose package was removed since it was chosen is left out (said in the log), so reading goes on.
    const installed = new Set(installedReadingLanguages());
    const gone = settings.textLanguages.filter((code) => !installed.has(code));
    if (gone.length > 0) this.logger.warn({ languages: gone }, 'text languages not installed any more are not read');
    this.readingIn = readingLanguages(settings.textLanguages.filter((code) => installed.has(code)));
    if (this.readingIn.length === 0) this.readingIn = ['eng'];
    this.people = new PeopleService(this.db, this.grouper, this.clock, { worker: this.regroupWorker, mainThreadMaxFaces: options.mainThreadRegroupMaxFaces ?? 2_000 });
    this.albums = new AlbumService(this.db, this.clock);
    this.marks = new PhotoMarkService(this.db, this.clock);
    this.duplicates = new DuplicateService(this.db, this.clock);
  }

  static open(options: LibraryServiceOptions): LibraryService {
    try {
      return new LibraryService(options);
    } catch (error) {
      throw asStorageError(error, libraryPaths(options.dataDir).dataDir, 'try again');
    }
  }

  close(): void {
    try {
      // The checkpoint thread lets go of the file first, so that the library's own close leaves it whole.
      this.checkpoints.close();
    } finally {
      this.closeDatabaseAndThreads();
    }
  }

  private closeDatabaseAndThreads(): void {
    try {
      this.db.close();
    } finally {
      // Idle, the thread holds nothing of the library's and does not keep the process alive; ending it is tidy-up.
      this.regroupWorker.close().catch((error: Error) => this.logger.warn({ err: error.message }, 'the regrouping thread did not stop cleanly'));
      this.sidecarTool.close().catch((error: Error) => this.logger.warn({ err: error.message }, 'ExifTool did not stop cleanly'));
    }
  }

  // ---- folders ----

  addFolder(folder: string): FolderRow {
    const resolved = resolveFolder(folder);
    const existing = this.db.folders.list();
    const clash = existing.find((f) => isInside(resolved, f.path) || isInside(f.path, resolved));
    if (clash) {
      throw new LibraryError('folder-overlaps', `${resolved} overlaps ${clash.path}, which is already in the library. Add either the parent or the child, not both.`);
    }
    const row = this.db.folders.add(resolved, this.clock.now());
    this.logger.info({ folder: resolved }, 'folder added');
    return row;
  }

  /**
   * Removes the folder; its photos become tombstones, so adding it again brings their tags back. Folders are
   * stored by their real path, so the one added through a link is removed through the same link (or its target).
   * Returns the path it was stored by.
   */
  removeFolder(folder: string): string {
    const resolved = realPathOf(folder);
    const row = this.db.folders.byPath(resolved) ?? this.db.folders.byPath(path.resolve(folder));
    if (!row) throw new LibraryError('folder-not-in-library', `${resolved} is not in the library. See the folders with: phototag status`);
    this.db.transaction(() => {
      const ids = this.db.photos.idsInFolder(row.id);
      this.db.photos.markFolderMissing(row.id, this.clock.now());
      for (const id of ids) this.db.searchIndex.refresh(id);
      this.db.folders.delete(row.id);
    });
    this.logger.info({ folder: row.path }, 'folder removed');
    return row.path;
  }

  folders(): FolderRow[] {
    return this.db.folders.list();
  }

  // ---- indexing ----

  private context(): ReconcileContext {
    return { library: this.db, now: () => this.clock.now(), pipelineVersion: this.pipelineVersion, ...(this.improvedVersion !== null ? { alsoSettled: [this.improvedVersion] } : {}) };
  }

  private createRunner(): AnalysisRunner {
    return new AnalysisRunner(this.db, this.clock, this.logger, {
      thumbnailsDir: this.paths.thumbnails,
      pipelineVersion: this.pipelineVersion,
      decodeConcurrency: this.options.decodeConcurrency ?? defaultConcurrency,
      maxPixels: this.options.maxPixels ?? 200_000_000,
      maxAttempts: 8,
      analyzer: this.options.analyzer ?? null,
      geocoder: this.geocoder,
      grouper: this.grouper,
      faceRecognition: () => this.recognising,
    });
  }

  private createImprover(busy: () => boolean): TagImprover | null {
    const improver = this.options.improver;
    if (!improver || this.improvedVersion === null) return null;
    return new TagImprover(this.db, this.clock, this.logger, {
      analyzer: improver,
      fromVersion: this.pipelineVersion,
      toVersion: this.improvedVersion,
      thumbnailsDir: this.paths.thumbnails,
      maxPixels: this.options.maxPixels ?? 200_000_000,
      grouper: this.grouper,
      busy,
      faceRecognition: () => this.recognising,
    });
  }

  /**
   * Re-tags every photo the first tagger indexed with the better one (newest first), then returns: what the app
   * does in the background while idle, run to the end (the CLI, the eval). Needs an improver; safe to kill.
   */
  async improve(onProgress?: (p: ImproveProgress) => void, signal?: AbortSignal): Promise<ImproveProgress> {
    const release = acquireWriterLock(this.paths.lock);
    try {
      const improver = this.createImprover(() => false);
      if (!improver) return { improved: 0, remaining: 0 };
      if (onProgress) improver.onProgress(onProgress);
      await improver.run(signal ?? new AbortController().signal, { untilDone: true });
      this.logger.info(improver.progress, 'tags improved');
      return { ...improver.progress };
    } catch (error) {
      throw asStorageError(error, this.paths.dataDir);
    } finally {
      release();
    }
  }

  private createTextPass(busy: () => boolean): TextPass | null {
    const openReader = this.options.textReader;
    if (!openReader) return null;
    return new TextPass(this.db, this.clock, this.logger, {
      openReader,
      readerVersion: textReaderVersion,
      languages: () => this.readingIn,
      maxPixels: this.options.maxPixels ?? 200_000_000,
      busy,
      enabled: () => this.textReadingOn,
      readers: this.options.textReaders ?? defaultTextReaders(),
    });
  }

  /**
   * Reads the text in every indexed photo not read yet (newest first), then returns: what watching does in the
   * background while idle, run to the end (the CLI, tests). Needs a reader and the setting on; safe to kill.
   */
  async readText(onProgress?: (p: TextProgress) => void, signal?: AbortSignal): Promise<TextProgress> {
    const release = acquireWriterLock(this.paths.lock);
    try {
      const pass = this.createTextPass(() => false);
      if (!pass) return { read: 0, remaining: 0 };
      if (onProgress) pass.onProgress(onProgress);
      await pass.run(signal ?? new AbortController().signal, { untilDone: true });
      this.logger.info(pass.progress, 'text read in photos');
      return { ...pass.progress };
    } catch (error) {
      throw asStorageError(error, this.paths.dataDir);
    } finally {
      release();
    }
  }

  /** Indexed photos whose text has not been read yet (for their present content and the present reader). */
  textLeft(): number {
    return this.db.photoText.remaining(textReaderVersion, this.readingIn);
  }

  /** How far the background text reading has come while watching; null when none runs. */
  textProgress(): TextProgress | null {
    return this.readingText ? { ...this.readingText } : null;
  }

  /** Whether text in photos is read (the library's setting; default on). */
  get textReading(): boolean {
    return this.textReadingOn;
  }

  /** Turns text reading on or off; a running pass stops reading at once (between regions) or starts again. */
  setTextReading(on: boolean): { on: boolean; remaining: number } {
    writeLibrarySettings(this.paths.dataDir, { ...readLibrarySettings(this.paths.dataDir).settings, textReading: on });
    this.textReadingOn = on;
    return { on, remaining: this.textLeft() };
  }

  /** The languages text is read in (the library's setting; English by default), English first. */
  get textLanguages(): string[] {
    return [...this.readingIn];
  }

  /**
   * Chooses the languages text is read in: each must be installed (`installedReadingLanguages`), or a
   * 'bad-request' LibraryError names the package to install. Every photo is read again in the new languages, in the
   * background as always; words read before stay searchable until then.
   */
  setTextLanguages(languages: readonly string[]): { languages: string[]; remaining: number } {
    const chosen = readingLanguages(languages);
    const installed = new Set(installedReadingLanguages());
    const missing = chosen.find((code) => !installed.has(code));
    if (missing !== undefined || chosen.length === 0) {
      const installedList = [...installed].join(', ');
      const reason = missing === undefined ? 'no language was chosen' : new TextLanguageMissingError(missing).message;
      throw new LibraryError('bad-request', `${reason}. Installed: ${installedList}.`, { language: missing ?? null, installed: [...installed] });
    }
    writeLibrarySettings(this.paths.dataDir, { ...readLibrarySettings(this.paths.dataDir).settings, textLanguages: chosen });
    this.readingIn = chosen;
    return { languages: [...chosen], remaining: this.textLeft() };
  }

  /** Photos indexed by the first tagger that the improver has not re-tagged yet (0 without an improver). */
  improvementLeft(): number {
    return this.improvedVersion === null ? 0 : this.db.improvements.remaining(this.pipelineVersion);
  }

  /** How far the background re-tagging has come while watching; null when none runs. */
  improvement(): ImproveProgress | null {
    return this.improving ? { ...this.improving } : null;
  }

  /** The writer's passes over stored facts, at the end of each index pass and after watching's first scan. */
  private async fillPlaces(signal?: AbortSignal): Promise<void> {
    await this.fillZones(signal);
    await this.fillKeywords(signal);
    await this.fillHashes(signal);
    await this.nameGpsPlaces(signal);
    await this.fillPlaceEstimates(signal);
  }

  /**
   * Places for indexed GPS photos that have none (a library from before places, or an older geocoder), from the
   * stored GPS. Done by the writer rather than in a migration (SQL cannot geocode) or at open (read commands must
   * stay read-only and quick).
   */
  private async nameGpsPlaces(signal?: AbortSignal): Promise<void> {
    if (!this.geocoder) return;
    const started = this.clock.now();
    try {
      const filled = await fillPlaces(this.db, this.geocoder, signal);
      if (filled > 0) this.logger.info({ photos: filled, ms: this.clock.now() - started }, 'places named from stored GPS');
    } catch (error) {
      // A full or read-only disk is the index pass's failure, said as such; the place data failing is not.
      if (storageFaultOf(error)) throw error;
      this.logger.warn({ err: (error as Error).message }, 'cannot name places from stored GPS; the next index pass tries again');
    }
  }

  /** Places estimated for photos without GPS from their camera's located photos, after the places they copy. */
  private async fillPlaceEstimates(signal?: AbortSignal): Promise<void> {
    try {
      const changed = await fillPlaceEstimates(this.db, signal);
      if (changed > 0) this.logger.info({ photos: changed }, 'place estimates brought up to date');
    } catch (error) {
      if (storageFaultOf(error)) throw error;
      this.logger.warn({ err: (error as Error).message }, 'cannot estimate places; the next index pass tries again');
    }
  }

  /** Keywords from sidecars another app edited, and for photos indexed before keywords were read (see fillKeywords). */
  private async fillKeywords(signal?: AbortSignal): Promise<void> {
    try {
      const read = await fillKeywords(this.db, this.db.folders.list().map((f) => f.path), this.clock, signal);
      if (read > 0) this.logger.info({ photos: read }, 'keywords read from photos and their XMP sidecars');
    } catch (error) {
      if (storageFaultOf(error)) throw error;
      this.logger.warn({ err: (error as Error).message }, 'cannot read keywords from sidecars; the next index pass tries again');
    }
  }

  /** Perceptual hashes for photos indexed before duplicates were found (see fillHashes): no re-index. */
  private async fillHashes(signal?: AbortSignal): Promise<void> {
    try {
      const filled = await fillHashes(this.db, () => this.clock.now(), signal, { maxPixels: this.options.maxPixels ?? 200_000_000 });
      if (filled > 0) this.logger.info({ photos: filled }, 'perceptual hashes computed for duplicates');
    } catch (error) {
      if (storageFaultOf(error)) throw error;
      this.logger.warn({ err: (error as Error).message }, 'cannot compute perceptual hashes; the next index pass tries again');
    }
  }

  /** Time zones for dated GPS photos stored without an offset, from their stored GPS (see fillZones). */
  private async fillZones(signal?: AbortSignal): Promise<void> {
    try {
      const filled = await fillZones(this.db, signal);
      if (filled > 0) this.logger.info({ photos: filled }, 'time zones named from stored GPS');
    } catch (error) {
      if (storageFaultOf(error)) throw error;
      this.logger.warn({ err: (error as Error).message }, 'cannot read time zones from stored GPS; the next index pass tries again');
    }
  }

  /**
   * Photos still to analyse: queued, and taken by the runner but not stored yet. Counting only the queued ones
   * said "idle" while the last photos were still being analysed (all of a small folder at once).
   */
  private jobsLeft(): number {
    const counts = this.db.jobs.counts();
    return counts.queued + counts.running;
  }

  /**
   * Walks every folder once and brings the DB in line with the disk; queued work goes to `runner`. An abort stops
   * hashing new files (a stop must not wait for the whole library's walk); the next scan picks up from the disk.
   */
  private async scan(runner: AnalysisRunner | null, tracker: ProgressTracker, summary: IndexSummary, signal?: AbortSignal): Promise<void> {
    const ctx = this.context();
    const folders = this.db.folders.list();
    const hashing = new PQueue({ concurrency: 4 });
    for (const folder of folders) {
      if (signal?.aborted) return;
      if (!fs.existsSync(folder.path)) {
        this.logger.warn({ folder: folder.path }, 'library folder is not reachable; its photos are left as they were');
        continue;
      }
      const files = await listPhotoFiles(folder.path, (dir, error) => this.logger.warn({ dir, err: error.message }, 'cannot read'));
      tracker.found(files.length);
      const seen = new Set(files.map((f) => f.path));
      await Promise.all(
        files.map((file) =>
          hashing.add(async () => {
            if (signal?.aborted) return;
            const outcome = await reconcileFile(ctx, file, folders);
            if (outcome === 'added') summary.added++;
            else if (outcome === 'changed') summary.changed++;
            else if (outcome === 'moved') summary.moved++;
            tracker.scanned();
            if (outcome !== 'unchanged') runner?.wake();
          }),
        ),
      );
      if (signal?.aborted) return;
      for await (const page of this.folderPages(folder.id)) {
        for (const photo of page) if (!seen.has(photo.path) && reconcileRemoved(ctx, photo.path)) summary.removed++;
      }
      this.db.folders.markScanned(folder.id, this.clock.now());
    }
    const days = this.options.tombstoneDays ?? 30;
    this.db.photos.purgeMissingBefore(this.clock.now() - days * 86_400_000);
  }

  /** A folder's present photos in pages, yielding to the event loop between them (the host serves the UI on it). */
  private async *folderPages(folderId: number): AsyncGenerator<{ id: number; path: string }[]> {
    let after = 0;
    for (;;) {
      const page = this.db.photos.pathsInFolderPage(folderId, after, 2000);
      if (page.length === 0) return;
      yield page;
      after = (page[page.length - 1] as { id: number }).id;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** One pass: scan every folder, analyse everything queued, return. Safe to kill at any point and run again. */
  async index(onProgress?: (p: IndexProgress) => void): Promise<IndexSummary> {
    try {
      return await this.indexOnce(onProgress);
    } catch (error) {
      // A full or failing disk stops the pass with one sentence; the photos it could not store stay queued.
      throw asStorageError(error, this.paths.dataDir);
    }
  }

  private async indexOnce(onProgress?: (p: IndexProgress) => void): Promise<IndexSummary> {
    const release = acquireWriterLock(this.paths.lock);
    const started = this.clock.now();
    const summary: IndexSummary = { added: 0, changed: 0, moved: 0, removed: 0, done: 0, failed: 0, seconds: 0 };
    try {
      const runner = this.createRunner();
      runner.recoverInterrupted();
      const tracker = new ProgressTracker(() => this.jobsLeft(), onProgress);
      runner.onProgress((p) => tracker.analysed(p));
      const running = runner.run();
      // Awaited below; until then a machine fault that stops the runner must not count as unhandled.
      running.catch(() => undefined);
      try {
        await this.scan(runner, tracker, summary);
      } catch (error) {
        runner.stop();
        throw error;
      } finally {
        tracker.scanFinished();
        runner.finishInputs();
        await running.finally(() => tracker.finished());
      }
      await this.fillPlaces();
      summary.done = runner.progress.done;
      summary.failed = runner.progress.failed;
      // New faces joined known people as they were stored; after a pass that analysed photos, a full regrouping
      // finds the new people among them (a person needs several faces before they are a group).
      if (summary.done > 0 && this.options.analyzer) await this.regroupAfterIndexing();
      await this.writeSidecarsIfOn();
    } finally {
      release();
    }
    summary.seconds = (this.clock.now() - started) / 1000;
    this.logger.info(summary, 'index pass finished');
    return summary;
  }

  private async regroupAfterIndexing(): Promise<void> {
    const faces = this.db.faces.embeddedCount();
    const limit = this.options.autoRegroupMaxFaces ?? 250_000;
    if (faces > limit) {
      // Too many to cluster whole: the faces in no group are clustered among themselves, for new people.
      const ungrouped = this.db.faces.ungroupedCount();
      if (ungrouped <= limit) {
        const created = this.grouper.groupUngrouped(this.db, this.clock.now());
        this.logger.info({ faces, ungrouped, created }, 'new people found among the ungrouped faces');
      } else {
        this.logger.warn({ faces, ungrouped, limit }, 'too many faces to regroup after every pass; new faces join known people as they are stored; regroup with: phototag people --regroup');
      }
      return;
    }
    if (!this.recognising) return;
    try {
      const result = await this.people.regroup();
      this.logger.info({ ...result, thread: faces > (this.options.mainThreadRegroupMaxFaces ?? 2_000) ? 'worker' : 'main' }, 'faces regrouped');
    } catch (error) {
      // Grouping is an extra: the index pass stands, and the next pass (or phototag people --regroup) tries again.
      if (storageFaultOf(error)) throw error;
      this.logger.error({ err: (error as Error).message }, 'regrouping faces failed');
    }
  }

  /**
   * Scans, then keeps the library in step with the disk until `signal` aborts: new, changed, renamed, moved and
   * deleted photos converge as they happen.
   */
  async watch(
    signal: AbortSignal,
    onProgress?: (p: IndexProgress) => void,
    onEvent?: (e: FolderEvent) => void,
    onImprove?: (p: ImproveProgress) => void,
    onText?: (p: TextProgress) => void,
  ): Promise<void> {
    try {
      await this.watchUntil(signal, onProgress, onEvent, onImprove, onText);
    } catch (error) {
      throw asStorageError(error, this.paths.dataDir, 'start watching again');
    }
  }

  private async watchUntil(
    signal: AbortSignal,
    onProgress?: (p: IndexProgress) => void,
    onEvent?: (e: FolderEvent) => void,
    onImprove?: (p: ImproveProgress) => void,
    onText?: (p: TextProgress) => void,
  ): Promise<void> {
    const release = acquireWriterLock(this.paths.lock);
    const ctx = this.context();
    const runner = this.createRunner();
    runner.recoverInterrupted();
    const tracker = new ProgressTracker(() => this.jobsLeft(), onProgress);
    runner.onProgress((p) => tracker.analysed(p));
    // Photos analysed while watching: once the queue has drained and stayed empty a moment, the faces are regrouped
    // (a burst of new photos is one regrouping, not one per photo).
    let analysedSinceRegroup = 0;
    let regroupTimer: NodeJS.Timeout | null = null;
    let regrouping: Promise<void> = Promise.resolve();
    let regroupRunning = false;
    const regroupWhenSettled = (): void => {
      regroupTimer = null;
      if (analysedSinceRegroup === 0 || signal.aborted) return;
      if (this.jobsLeft() > 0 || regroupRunning) return;
      analysedSinceRegroup = 0;
      regroupRunning = true;
      // A disk that refuses the write: the runner meets it too and stops the watch; here it is only logged.
      regrouping = this.regroupAfterIndexing()
        .then(() => this.writeSidecarsIfOn(signal))
        .catch((error: Error) => this.logger.error({ err: error.message }, 'regrouping faces failed'))
        .finally(() => {
          regroupRunning = false;
        });
    };
    // Place estimates follow the photos while watching too: once the changes have settled (a burst is one pass).
    let estimateTimer: NodeJS.Timeout | null = null;
    const estimateWhenSettled = () => {
      if (estimateTimer) clearTimeout(estimateTimer);
      estimateTimer = setTimeout(() => void events.add(() => this.fillPlaceEstimates(signal)), this.options.regroupQuietMs ?? 5000);
      estimateTimer.unref();
    };
    runner.onProgress(estimateWhenSettled);
    if (this.options.analyzer) {
      runner.onProgress(() => {
        analysedSinceRegroup += 1;
        if (regroupTimer) clearTimeout(regroupTimer);
        regroupTimer = setTimeout(regroupWhenSettled, this.options.regroupQuietMs ?? 5000);
        regroupTimer.unref();
      });
    }
    // Events are applied one at a time, in order: a rename's "add" and "unlink" must not race each other.
    const events = new PQueue({ concurrency: 1 });
    let watcher: FolderWatcher | null = null;
    const stopImproving = new AbortController();
    let improving: Promise<void> = Promise.resolve();
    let readingText: Promise<void> = Promise.resolve();
    const running = runner.run();
    // The runner ends by itself only when it fails (a full disk): watching stops then, and `running` says why.
    const runnerEnded = running.then(
      () => undefined,
      () => undefined,
    );
    const handle = async (event: FolderEvent): Promise<void> => {
      onEvent?.(event);
      // A photo gone (or moved, or re-dated) changes its neighbours' estimates; one analysed resets the wait again.
      estimateWhenSettled();
      const folders = this.db.folders.list();
      if (event.type === 'upsert') {
        const stat = await statFile(event.path);
        if (stat) await reconcileFile(ctx, stat, folders);
        else reconcileRemoved(ctx, event.path);
      } else if (event.type === 'remove') {
        reconcileRemoved(ctx, event.path);
      } else if (event.type === 'remove-dir') {
        for (const folder of folders) {
          for await (const page of this.folderPages(folder.id)) {
            for (const photo of page) if (isInside(photo.path, event.path)) reconcileRemoved(ctx, photo.path);
          }
        }
      } else {
        this.logger.warn({ err: event.error.message, code: (event.error as NodeJS.ErrnoException).code }, describeWatcherError(event.error));
      }
      runner.wake();
    };
    try {
      const folders = this.db.folders.list().map((f) => f.path).filter((p) => fs.existsSync(p));
      watcher = await watchFolders(folders, (event) => void events.add(() => handle(event).catch((error: Error) => this.logger.error({ err: error.message, event }, 'cannot apply file event'))), this.options.watch);
      await events.add(() => this.scan(runner, tracker, { added: 0, changed: 0, moved: 0, removed: 0, done: 0, failed: 0, seconds: 0 }, signal));
      tracker.scanFinished();
      await events.add(() => this.fillPlaces(signal));
      // The better tagger works only while the index has nothing to do: new and changed photos come first.
      const indexBusy = () => this.jobsLeft() > 0 || events.size + events.pending > 0;
      const improver = this.createImprover(indexBusy);
      if (improver) {
        this.improving = { ...improver.progress };
        improver.onProgress((p) => {
          this.improving = { ...p };
          onImprove?.(p);
        });
        improving = improver.run(stopImproving.signal).catch((error: Error) => this.logger.error({ err: error.message }, 'improving tags stopped'));
      }
      // Text is read after tagging, on the same terms: never while the index has work.
      const textPass = this.createTextPass(indexBusy);
      if (textPass) {
        this.readingText = { ...textPass.progress };
        textPass.onProgress((p) => {
          this.readingText = { ...p };
          onText?.(p);
        });
        readingText = textPass.run(stopImproving.signal).catch((error: Error) => this.logger.error({ err: error.message }, 'reading text stopped'));
      }
      const aborted = new Promise<void>((resolve) => {
        if (signal.aborted) resolve();
        else signal.addEventListener('abort', () => resolve(), { once: true });
      });
      await Promise.race([aborted, runnerEnded]);
    } finally {
      if (regroupTimer) clearTimeout(regroupTimer);
      if (estimateTimer) clearTimeout(estimateTimer);
      stopImproving.abort();
      await Promise.all([improving, readingText]);
      this.improving = null;
      this.readingText = null;
      await watcher?.close();
      await regrouping;
      await events.onIdle();
      runner.stop();
      try {
        await running;
      } finally {
        tracker.finished();
        release();
      }
    }
  }

  /**
   * Reads the whole file once (quick_check) and throws 'library-damaged' naming what is damaged: for the commands
   * whose answer is "all is well" (status, index), which must not say so past a damaged page they did not read.
   */
  assertSound(): void {
    assertLibrarySound(this.db);
  }

  // ---- people ----

  get faceRecognition(): boolean {
    return this.recognising;
  }

  /**
   * Turns face recognition on or off for this library. Off: every stored face descriptor is erased now (faces stay
   * found and counted; what the user named stays) and new photos get none. On: the photos whose faces were found
   * while it was off are queued to be analysed again, so their faces are described and grouped by the next pass.
   */
  setFaceRecognition(on: boolean): { faceRecognition: boolean; photos: number } {
    writeLibrarySettings(this.paths.dataDir, { ...readLibrarySettings(this.paths.dataDir).settings, faceRecognition: on });
    this.recognising = on;
    if (!on) {
      const { photos, rebuilt } = this.people.forgetDescriptors();
      if (!rebuilt) this.logger.warn({ photos }, 'face descriptors deleted, but the library file could not be rebuilt now to wipe their bytes from the disk; turning recognition off again (phototag people recognition off) retries');
      return { faceRecognition: false, photos };
    }
    const now = this.clock.now();
    const photos = this.db.transaction(() => {
      const queued = this.db.faces.photosWithUndescribedFaces();
      for (const photo of queued) this.db.jobs.enqueue(photo.id, photo.contentHash, this.pipelineVersion, now);
      return queued.length;
    });
    return { faceRecognition: true, photos };
  }

  // ---- XMP sidecars ----

  get sidecarNaming(): SidecarNaming | 'off' {
    return readLibrarySettings(this.paths.dataDir).settings.xmpSidecars;
  }

  /** Whether (and how named) sidecars are written after each index pass. */
  setSidecarNaming(naming: SidecarNaming | 'off'): void {
    writeLibrarySettings(this.paths.dataDir, { ...readLibrarySettings(this.paths.dataDir).settings, xmpSidecars: naming });
  }

  /**
   * Writes the photos' accepted tags, named people, captions and places to their XMP sidecars (see exportSidecars),
   * named as given, else as the library's setting says, else 'photo.ext.xmp'.
   */
  async exportSidecars(options: { naming?: SidecarNaming; folder?: string; signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {}): Promise<ExportSidecarsSummary> {
    const setting = this.sidecarNaming;
    const naming = options.naming ?? (setting === 'off' ? 'photo.ext.xmp' : setting);
    const summary = await exportSidecars(this.db, this.sidecarTool, {
      naming,
      libraryFolders: this.db.folders.list().map((f) => f.path),
      clock: this.clock,
      ...(options.folder !== undefined ? { folder: realPathOf(options.folder) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    this.logger.info({ ...summary, failures: summary.failures.slice(0, 5), naming }, 'XMP sidecars written');
    return summary;
  }

  private async writeSidecarsIfOn(signal?: AbortSignal): Promise<void> {
    if (this.sidecarNaming === 'off') return;
    try {
      await this.exportSidecars(signal ? { signal } : {});
    } catch (error) {
      if (storageFaultOf(error)) throw error;
      this.logger.warn({ err: (error as Error).message }, 'cannot write XMP sidecars; the next index pass tries again');
    }
  }

  // ---- backup ----

  /**
   * Copies the whole library (photos, tags, captions, the user's corrections and learned tags) into a new file,
   * consistently, while the app may go on indexing: SQLite's online backup. The copy is written under a temporary
   * name and renamed when complete, so an interrupted backup never looks like a good one.
   */
  async backup(target: string): Promise<BackupSummary> {
    const file = path.resolve(target);
    if (fs.existsSync(file)) throw new LibraryError('bad-request', `${file} already exists, and a backup never overwrites a file. Choose a new file name.`);
    if (!fs.existsSync(path.dirname(file))) throw new LibraryError('folder-not-found', `Folder ${path.dirname(file)} does not exist. Create it, or back up into another folder.`);
    const partial = `${file}.partial-${process.pid}`;
    let damage: string | null = null;
    try {
      // As private as the library it copies: SQLite keeps the mode of a file that already exists.
      fs.writeFileSync(partial, '', { mode: 0o600 });
      await this.db.backupTo(partial);
      // The online backup copies pages as they are, damaged ones too: only a copy that checks out is a backup.
      damage = copyDamage(partial);
      if (damage === null) fs.renameSync(partial, file);
    } catch (error) {
      fs.rmSync(partial, { force: true });
      const size = (fs.statSync(this.paths.database).size / 1e6).toFixed(1);
      throw new LibraryError('forbidden', `Cannot write the backup to ${file}: ${(error as Error).message}. Choose a folder you can write to, with room for about ${size} MB.`);
    }
    if (damage !== null) {
      fs.rmSync(partial, { force: true });
      throw new LibraryError('library-damaged', `The library file is damaged (${damage}), so no backup was written: a copy of it would not restore. Run \`phototag doctor\` to see what is damaged, then \`phototag doctor --repair\` to rebuild it and save your corrections.`);
    }
    const counts = this.db.photos.counts();
    const summary = { file, bytes: fs.statSync(file).size, photos: counts.total, corrections: this.db.corrections.count() };
    this.logger.info(summary, 'library backed up');
    return summary;
  }

  // ---- queries ----

  status(failureLimit = 1000): LibraryStatus {
    const counts = this.db.photos.counts();
    return {
      photos: counts,
      failures: this.db.photos.failures(failureLimit),
      folders: this.db.folders.list().map((f) => ({ path: f.path, photos: this.db.photos.countInFolder(f.id), lastScanAt: f.lastScanAt })),
      dataDir: this.paths.dataDir,
    };
  }

  /** A photo by library id or by file path (absolute, or relative to the working directory). */
  findPhoto(ref: string): PhotoRow {
    const byPath = this.db.photos.byPath(path.resolve(ref));
    const row = byPath ?? (/^\d+$/.test(ref) ? this.db.photos.byId(Number(ref)) : undefined);
    if (!row) throw new LibraryError('photo-not-found', `No photo ${ref} in the library. Search for it with: phototag search "${path.basename(ref)}"`);
    return row;
  }

  describePhoto(ref: string): PhotoDetailView {
    const row = this.findPhoto(ref);
    return { ...photoDetailView(row, this.db.tags.forPhoto(row.id), this.db.captions.get(row.id), this.db.places.forPhoto(row.id), this.db.faces.forPhoto(row.id), this.estimateOf(row.id)), text: this.photoText(row.id) };
  }

  /** A photo's estimated place with the file name of the photo it came from (that photo may have gone since). */
  private estimateOf(photoId: number): EstimateWithSource | undefined {
    const estimate = this.db.placeEstimates.forPhoto(photoId);
    if (!estimate) return undefined;
    const source = this.db.photos.byId(estimate.sourcePhotoId);
    const sourcePosition = source && source.gpsLat !== null && source.gpsLon !== null ? { lat: source.gpsLat, lon: source.gpsLon } : null;
    return { ...estimate, sourceFileName: source?.fileName ?? null, sourcePosition };
  }

  /** The words read in the photo's present content, null until read. */
  private photoText(photoId: number): PhotoTextView | null {
    const row = this.db.photoText.get(photoId);
    return row ? { fullText: row.fullText, words: row.words, languages: row.languages, readAt: new Date(row.readAt).toISOString() } : null;
  }

  /** A photo by its library id, as the photo view shows it. */
  photo(id: number): PhotoDetailView {
    const row = this.db.photos.byId(id);
    if (!row) throw new LibraryError('photo-not-found', `No photo ${id} in the library. It may have been removed; go back to the gallery.`);
    return { ...photoDetailView(row, this.db.tags.forPhoto(row.id), this.db.captions.get(row.id), this.db.places.forPhoto(row.id), this.db.faces.forPhoto(row.id), this.estimateOf(row.id)), text: this.photoText(row.id) };
  }

  /**
   * Photos taken on today's month and day in earlier years, grouped by year, newest first. "Today" is the
   * machine's local date by the library's clock, as the user reads their calendar.
   */
  onThisDay(perYear: number): OnThisDayView {
    const now = new Date(this.clock.now());
    const pad = (n: number) => String(n).padStart(2, '0');
    const monthDay = `${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
    const thisYear = now.getFullYear();
    const years: OnThisDayView['years'] = [];
    for (const match of this.db.photos.takenOnMonthDay(monthDay, thisYear, perYear)) {
      const row = this.db.photos.byId(match.id);
      if (!row) continue;
      let group = years[years.length - 1];
      if (group?.year !== match.year) {
        group = { year: match.year, yearsAgo: thisYear - match.year, total: match.totalThatYear, photos: [] };
        years.push(group);
      }
      group.photos.push(photoSummaryView(row, this.db.tags.forPhoto(row.id), this.db.captions.get(row.id)));
    }
    return { today: `${thisYear}-${monthDay}`, years };
  }

  /** One page of results for a query in the search language (see db/search). */
  search(query: string, page: { limit: number; offset: number }): SearchPageView {
    const found = withQueryErrors(() => this.db.search(query, page));
    const results = found.results.flatMap((r) => {
      const row = this.db.photos.byId(r.photoId);
      return row ? [photoSummaryView(row, this.db.tags.forPhoto(row.id), this.db.captions.get(row.id))] : [];
    });
    return { query, total: found.total, offset: page.offset, limit: page.limit, results };
  }

  /** Tag, year, camera and place counts over a query's results, for the facet panel. */
  facets(query: string): FacetsView {
    return withQueryErrors(() => this.db.facets(query));
  }

  /** Day counts of a query's matches, for the timeline's headers and scrubber. */
  timeline(query: string): TimelineView {
    return withQueryErrors(() => this.db.timeline(query));
  }

  /** Where a query's matches were taken, for the map: [id, lat, lon, …]. */
  locations(query: string): LocationsView {
    const points = withQueryErrors(() => this.db.locations(query));
    return { query, points };
  }

  /** Where a query's matches without GPS are estimated to have been taken, for the map's estimated places. */
  estimatedLocations(query: string): LocationsView {
    const points = withQueryErrors(() => this.db.estimatedLocations(query));
    return { query, points };
  }

  suggestTags(prefix: string, limit: number): { name: string; count: number }[] {
    return this.db.suggestTags(prefix, limit);
  }

  tagCounts(): TagCountView[] {
    return this.db.tags.counts();
  }

  /** The library's tags as a tree: WordNet's categories for the model's tags, the user's parents for theirs. */
  tagTree(): TagTreeNodeView[] {
    return buildTagTree(this.db.tags.counts(), this.db.tags.userParents());
  }

  /** Puts a tag under a parent word (null takes it out); `tag:<parent>` then finds its photos too. */
  setTagParent(tag: string, parent: string | null): { tag: string; parent: string | null } {
    const resolved = this.db.tags.named(tag.trim()) ?? this.db.tags.resolve(tag.trim());
    if (!resolved) throw new LibraryError('bad-request', `There is no tag "${tag}" in the library.`);
    const word = parent?.trim() || null;
    if (word !== null && word.toLowerCase() === resolved.name.toLowerCase()) throw new LibraryError('bad-request', 'A tag cannot be its own parent.');
    // Walk up from the new parent through the user's parents: meeting the tag itself would make a loop.
    const parentOf = new Map(this.db.tags.userParents().map((p) => [p.name.toLowerCase(), p.parent]));
    for (let at = word?.toLowerCase(), steps = 0; at !== undefined && steps < 1000; at = parentOf.get(at)?.toLowerCase(), steps++) {
      if (at === resolved.name.toLowerCase()) throw new LibraryError('bad-request', `"${word}" is already under "${resolved.name}": a tag cannot sit under itself.`);
    }
    this.db.tags.setParent(resolved.id, word, this.clock.now());
    return { tag: resolved.name, parent: word };
  }

  /** Learned tags trained on another tagger's output, which the pipeline cannot apply until they are retrained. */
  staleLearnedTags(): number {
    return countStaleHeads(this.db);
  }

  isInLibrary(file: string): boolean {
    return folderFor(this.db.folders.list(), path.resolve(file)) !== undefined;
  }
}

/** A malformed query is the user's to fix: its error says where, as a query-syntax LibraryError. */
function withQueryErrors<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof QueryError) throw new LibraryError('query-syntax', error.message, { position: error.position, length: error.length });
    throw error;
  }
}

function resolveFolder(folder: string): string {
  const resolved = path.resolve(folder);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(resolved);
  } catch {
    throw new LibraryError('folder-not-found', `Folder ${resolved} does not exist. Check the path and try again.`);
  }
  if (!stat.isDirectory()) throw new LibraryError('not-a-folder', `${resolved} is a file, not a folder. Add the folder that holds your photos.`);
  return fs.realpathSync(resolved);
}

/**
 * Why the library cannot be written (EROFS, EACCES), or null when it can. The nearest folder that exists decides
 * for a data dir not created yet. access(2) answers for the file system as well as the permissions, so a
 * read-only mount is seen even by root, whom permission bits do not stop.
 */
function writeRefusal(paths: LibraryPaths): string | null {
  let dir = paths.dataDir;
  while (!fs.existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    if (fs.existsSync(paths.database)) fs.accessSync(paths.database, fs.constants.W_OK);
    return null;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? 'EACCES';
  }
}
