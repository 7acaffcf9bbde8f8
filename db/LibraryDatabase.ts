import { SidecarRepository } from './repositories/SidecarRepository.js';
import { damagedObjects, integrityProblems, type SchemaObject } from './damage.js';
import { openDatabase, type Db, type OpenDatabaseOptions } from './openDatabase.js';
import { openReadOnlyDatabase } from './openReadOnly.js';
import { CaptionRepository } from './repositories/CaptionRepository.js';
import { CorrectionRepository } from './repositories/CorrectionRepository.js';
import { FolderRepository } from './repositories/FolderRepository.js';
import { JobRepository } from './repositories/JobRepository.js';
import { PhotoRepository } from './repositories/PhotoRepository.js';
import { PlaceRepository } from './repositories/PlaceRepository.js';
import { PlaceEstimateRepository } from './repositories/PlaceEstimateRepository.js';
import { VectorRepository } from './repositories/VectorRepository.js';
import { LearningLabelRepository } from './repositories/LearningLabelRepository.js';
import { TagHeadRepository } from './repositories/TagHeadRepository.js';
import { TrainingRunRepository } from './repositories/TrainingRunRepository.js';
import { VectorMatrixRepository } from './repositories/VectorMatrixRepository.js';
import { TagRepository } from './repositories/TagRepository.js';
import { ImprovementRepository } from './repositories/ImprovementRepository.js';
import { PhotoTextRepository } from './repositories/PhotoTextRepository.js';
import { FaceRepository } from './repositories/FaceRepository.js';
import { AlbumRepository } from './repositories/AlbumRepository.js';
import { PhotoMarkRepository } from './repositories/PhotoMarkRepository.js';
import { DuplicateRepository } from './repositories/DuplicateRepository.js';
import { SearchIndexWriter } from './search/SearchIndexWriter.js';
import { facetCounts, type FacetCounts } from './search/facetCounts.js';
import { estimatedLocations, photoLocations } from './search/photoLocations.js';
import { searchPhotos, type SearchOptions, type SearchPage } from './search/searchPhotos.js';
import { timelineCounts, type TimelineCounts } from './search/timelineCounts.js';
import { suggestTags, type TagSuggestion } from './search/suggestTags.js';

/**
 * The library's one connection and its repositories. One process writes; others may read. The raw connection
 * (`db`) is for db/ itself and its tests: the app reaches the database only through these named functions, and
 * the lint rules refuse `.db.db` outside db/.
 */
export class LibraryDatabase {
  readonly folders: FolderRepository;
  readonly photos: PhotoRepository;
  readonly places: PlaceRepository;
  readonly placeEstimates: PlaceEstimateRepository;
  readonly tags: TagRepository;
  readonly captions: CaptionRepository;
  readonly jobs: JobRepository;
  readonly corrections: CorrectionRepository;
  readonly vectors: VectorRepository;
  readonly searchIndex: SearchIndexWriter;
  // Learning from corrections (migration 0005).
  readonly heads: TagHeadRepository;
  readonly trainingRuns: TrainingRunRepository;
  readonly learningLabels: LearningLabelRepository;
  readonly vectorMatrix: VectorMatrixRepository;
  // People (migration 0006).
  readonly faces: FaceRepository;
  // XMP sidecars Phototag wrote (migration 0010).
  readonly sidecars: SidecarRepository;
  // Re-tagging with the better tagger in the background (no table of its own: see ImprovementRepository).
  readonly improvements: ImprovementRepository;
  // The user's favourites, ratings and albums (migration 0011).
  readonly marks: PhotoMarkRepository;
  readonly albums: AlbumRepository;
  // Perceptual hashes and hidden copies (migration 0012).
  readonly duplicates: DuplicateRepository;
  // Text read in photos (migration 0013).
  readonly photoText: PhotoTextRepository;

  private constructor(
    readonly db: Db,
    readonly file: string,
    private readonly onClose: () => void = () => undefined,
  ) {
    this.folders = new FolderRepository(db);
    this.photos = new PhotoRepository(db);
    this.places = new PlaceRepository(db);
    this.placeEstimates = new PlaceEstimateRepository(db);
    this.tags = new TagRepository(db);
    this.captions = new CaptionRepository(db);
    this.jobs = new JobRepository(db);
    this.corrections = new CorrectionRepository(db);
    this.vectors = new VectorRepository(db);
    this.searchIndex = new SearchIndexWriter(db);
    this.heads = new TagHeadRepository(db);
    this.trainingRuns = new TrainingRunRepository(db);
    this.learningLabels = new LearningLabelRepository(db);
    this.vectorMatrix = new VectorMatrixRepository(db);
    this.faces = new FaceRepository(db);
    this.sidecars = new SidecarRepository(db);
    this.improvements = new ImprovementRepository(db);
    this.marks = new PhotoMarkRepository(db);
    this.albums = new AlbumRepository(db);
    this.duplicates = new DuplicateRepository(db);
    this.photoText = new PhotoTextRepository(db);
  }

  static open(file: string, options?: OpenDatabaseOptions): LibraryDatabase {
    return new LibraryDatabase(openDatabase(file, options), file);
  }

  /** One page of results for a query in the search language (db/search). */
  search(query: string, options: SearchOptions): SearchPage {
    return searchPhotos(this.db, query, options);
  }

  /** Tag, year, camera and place counts over a query's results. */
  facets(query: string): FacetCounts {
    return facetCounts(this.db, query);
  }

  /** How many of a query's matches were taken each day, newest first, and how many are undated. */
  timeline(query: string): TimelineCounts {
    return timelineCounts(this.db, query);
  }

  /** [id, lat, lon, …] of a query's matches that have a GPS position. */
  locations(query: string): number[] {
    return photoLocations(this.db, query);
  }

  /** [id, lat, lon, …] of a query's matches without GPS that have an estimated place, at its source's position. */
  estimatedLocations(query: string): number[] {
    return estimatedLocations(this.db, query);
  }

  /** Tag names for the search box's completion. */
  suggestTags(prefix: string, limit: number): TagSuggestion[] {
    return suggestTags(this.db, prefix, limit);
  }

  /** For reading a library whose folder may not be writable (see openReadOnlyDatabase); never migrates. */
  static openReadOnly(file: string): LibraryDatabase {
    const { db, cleanup } = openReadOnlyDatabase(file);
    return new LibraryDatabase(db, file, cleanup);
  }

  /** Runs `fn` in one IMMEDIATE transaction: all of it commits, or none. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /**
   * Like `transaction`, for deleting what must not linger in the file. Deleted bytes stay on disk in free space
   * (and older copies of rewritten rows stay in the pages' unused space), so after the commit the file is rebuilt
   * (VACUUM) and the write-ahead log emptied: the deleted bytes are gone from the disk's copy of the library, not
   * only unreachable. Returns `fn`'s result and whether the rebuild ran (it cannot while another statement of this
   * connection is still reading; the deletion stands either way, and the next erase rebuilds).
   */
  erasingTransaction<T>(fn: () => T): { value: T; rebuilt: boolean } {
    const value = this.transaction(fn);
    let rebuilt = true;
    try {
      this.db.exec('VACUUM');
    } catch {
      rebuilt = false;
    }
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return { value, rebuilt };
  }

  /** False for a library opened with openReadOnly. */
  get writable(): boolean {
    return !this.db.readonly;
  }

  /**
   * How many pages the write-ahead log may hold before a commit on this connection copies it into the file (and
   * syncs the file, which can take long on a busy or slow disk). Raised while a background checkpointer does that
   * work on its own thread (electron/core/library/BackgroundCheckpoints.ts); the raised value is only a backstop.
   */
  setAutoCheckpointPages(pages: number): void {
    this.db.pragma(`wal_autocheckpoint = ${Math.max(0, Math.trunc(pages))}`);
  }

  autoCheckpointPages(): number {
    return this.db.pragma('wal_autocheckpoint', { simple: true }) as number;
  }

  /** A consistent copy of the whole library in `file`, taken while it stays open (SQLite's online backup). */
  async backupTo(file: string): Promise<void> {
    await this.db.backup(file);
  }

  /** quick_check over the whole file: null when sound, else the problems and the tables and indexes they hit. */
  damage(): { problems: string[]; objects: SchemaObject[]; schemaReadable: boolean } | null {
    const problems = integrityProblems(this.db, false);
    return problems.length === 0 ? null : { problems, ...damagedObjects(this.db, problems) };
  }

  integrityCheck(): string {
    return this.db.pragma('integrity_check', { simple: true }) as string;
  }

  close(): void {
    if (this.db.open) this.db.close();
    this.onClose();
  }
}
