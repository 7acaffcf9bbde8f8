import {
  countPhotoRows,
  countQueuedPhotos,
  countThroughIndexes,
  countUserCaptions,
  countUserTags,
  dropOrphans,
  foreignKeyViolations,
  isDamageError,
  openForInspection,
  photoIds,
  requeuePhotos,
  salvageTable,
  setForeignKeys,
  type SalvageCount,
  type SalvageSpec,
} from './damage.js';
import type { LibraryDatabase } from './LibraryDatabase.js';

/**
 * What a repair carries over, parents first: everything readable. The queue and the search index are not copied
 * but rebuilt (the search index from the salvaged rows, the queue by the next scan), nor is the learner's
 * bookkeeping, which only makes it score again. Photos that lost rows of their analysis are analysed again.
 */
const salvagePlan: readonly SalvageSpec[] = [
  { table: 'folders', key: 'id' },
  { table: 'photos', key: 'id' },
  { table: 'tags', key: 'id' },
  { table: 'tag_synonyms', key: 'rowid' },
  { table: 'tag_parents', key: 'tag_id' },
  { table: 'photo_tags', key: 'photo_id', rowsPerKey: 'many' },
  { table: 'captions', key: 'photo_id' },
  { table: 'photo_places', key: 'photo_id' },
  { table: 'photo_keywords', key: 'photo_id', rowsPerKey: 'many' },
  { table: 'xmp_sidecars', key: 'photo_id' },
  { table: 'photo_text', key: 'photo_id' },
  { table: 'people', key: 'id' },
  { table: 'faces', key: 'photo_id', rowsPerKey: 'many' },
  { table: 'face_exclusions', key: 'face_id', rowsPerKey: 'many' },
  { table: 'people_actions', key: 'id' },
  { table: 'photo_vectors', key: 'photo_id', rowsPerKey: 'many' },
  { table: 'hidden_photos', key: 'photo_id' },
  { table: 'corrections', key: 'id' },
  { table: 'training_runs', key: 'id' },
  { table: 'tag_heads', key: 'id' },
  { table: 'training_run_tags', key: 'run_id', rowsPerKey: 'many' },
  // The user's own marks and albums (migration 0011): copied first-class, like corrections.
  { table: 'photo_marks', key: 'photo_id' },
  { table: 'albums', key: 'id' },
  { table: 'album_photos', key: 'album_id', rowsPerKey: 'many' },
];

/** Tables a repair rebuilds rather than copies (the search index's own tables are photo_search_*). */
// photo_hashes: the background fill computes any that are missing again.
export const rebuiltTables: readonly string[] = ['jobs', 'search_values', 'learning_state', 'photo_search', 'photo_hashes', 'photo_place_estimates'];
export const salvagedTables: readonly string[] = salvagePlan.map((spec) => spec.table);

/** Tables keyed by photo id that hold a photo's analysis: a lost row there means the photo is analysed again. */
export const analysisTables = ['photo_tags', 'captions', 'photo_vectors', 'faces'];

export interface SalvageResult {
  /** 'nothing': the library was sound; 'fresh': it was empty or unreadable, a new one was started; 'salvaged'. */
  outcome: 'nothing' | 'fresh' | 'salvaged';
  saved: { folders: number; photos: number; corrections: number; userTags: number; userCaptions: number; learnedTags: number; albums: number; markedPhotos: number };
  lost: Record<string, number>;
  /** Tables with ranges that could not be read at all: an unknown number of their rows is gone. */
  unreadable: string[];
  /** Photos kept whose analysis is redone by the next index. */
  reanalyse: number;
  /** Photos whose rows could not be read: the next index finds their files again as new photos. */
  photosLost: number | null;
}

/** Nothing could be read: a new, empty library. */
export function freshSalvage(): SalvageResult {
  return { outcome: 'fresh', saved: { folders: 0, photos: 0, corrections: 0, userTags: 0, userCaptions: 0, learnedTags: 0, albums: 0, markedPhotos: 0 }, lost: {}, unreadable: [], reanalyse: 0, photosLost: null };
}

/**
 * Copies every row of a damaged library file that can still be read into `target` (a fresh library), key range by
 * key range so one bad page loses only its rows; settles orphans, queues the photos that lost analysis rows, and
 * rebuilds the search index. Schema knowledge (what is copied, what is rebuilt) lives here with the schema.
 */
export function salvageLibraryInto(damagedFile: string, target: LibraryDatabase): SalvageResult {
  let source;
  try {
    source = openForInspection(damagedFile);
  } catch (error) {
    if (isDamageError(error)) return freshSalvage();
    throw error;
  }
  const counts: SalvageCount[] = [];
  let photosBefore: number | null;
  try {
    // Parents may be lost while their children survive; orphans are settled once everything readable is in.
    setForeignKeys(target.db, false);
    for (const spec of salvagePlan) counts.push(salvageTable(source, target.db, spec));
    photosBefore = countThroughIndexes(source, 'photos');
  } finally {
    source.close();
  }
  const byTable = new Map(counts.map((c) => [c.table, c]));
  const lost: Record<string, number> = {};
  for (const c of counts) if (c.lost > 0) lost[c.table] = c.lost;
  const damagedAnalysis = new Set<number>();
  for (const table of analysisTables) {
    const c = byTable.get(table);
    for (const key of [...(c?.unreadableKeys ?? []), ...(c?.refusedKeys ?? [])]) if (Number.isSafeInteger(key)) damagedAnalysis.add(key);
  }
  let reanalyse = 0;
  target.transaction(() => {
    for (const [table, n] of Object.entries(dropOrphans(target.db))) lost[table] = (lost[table] ?? 0) + n;
    // A whole analysis table unreadable (its schema entry gone) means every photo's analysis is in doubt.
    const wholeTableLost = analysisTables.some((t) => byTable.get(t)?.unreadableKeys.some((k) => Number.isNaN(k)));
    requeuePhotos(target.db, wholeTableLost ? photoIds(target.db) : damagedAnalysis);
    // Those, and the photos that were waiting for analysis anyway.
    reanalyse = countQueuedPhotos(target.db);
    for (const id of photoIds(target.db)) target.searchIndex.refresh(id);
  });
  setForeignKeys(target.db, true);
  if (foreignKeyViolations(target.db) > 0) throw new Error('salvaged library still has rows without their parent');
  const saved = {
    folders: target.folders.list().length,
    photos: target.photos.counts().total,
    corrections: target.corrections.count(),
    userTags: countUserTags(target.db),
    userCaptions: countUserCaptions(target.db),
    learnedTags: target.heads.active().length,
    albums: target.albums.count(),
    markedPhotos: target.marks.countMarked(),
  };
  const unreadable = counts.filter((c) => c.unreadableKeys.length > 0).map((c) => c.table);
  const nothing = saved.folders === 0 && saved.photos === 0 && saved.corrections === 0 && saved.albums === 0;
  const photosLost = photosBefore === null ? null : Math.max(0, photosBefore - countPhotoRows(target.db));
  return { outcome: nothing ? 'fresh' : 'salvaged', saved, lost, unreadable, reanalyse, photosLost };
}

