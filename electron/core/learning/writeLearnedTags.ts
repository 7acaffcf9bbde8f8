import type { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import type { ScoreComputation } from './learningProtocol.js';

export interface WriteSummary {
  added: number;
  removed: number;
  updated: number;
  photosChanged: number;
  ms: number;
}

/** Photos refreshed in the search index per transaction: short write locks, so indexing is never held up long. */
const refreshChunk = 2000;

/**
 * Applies a re-score's changes to photo_tags as model suggestions and rebuilds the search rows of the photos
 * that gained or lost a tag. The writes are guarded (LearningLabelRepository): a row the user accepted,
 * rejected or added — even one judged after the worker read its snapshot — is never changed.
 */
export function writeLearnedTags(library: LibraryDatabase, scores: ScoreComputation, now: number): WriteSummary {
  const started = performance.now();
  const summary: WriteSummary = { added: 0, removed: 0, updated: 0, photosChanged: 0, ms: 0 };
  const changed = new Set<number>();
  for (const tag of scores.tags) {
    library.transaction(() => {
      tag.added.forEach((photoId, k) => {
        library.learningLabels.suggest(photoId, tag.tagId, tag.addedConfidences[k] as number, tag.modelVersion, now);
        changed.add(photoId);
      });
      tag.updated.forEach((photoId, k) => library.learningLabels.suggest(photoId, tag.tagId, tag.updatedConfidences[k] as number, tag.modelVersion, now));
      tag.removed.forEach((photoId) => {
        library.learningLabels.unsuggest(photoId, tag.tagId);
        changed.add(photoId);
      });
    });
    summary.added += tag.added.length;
    summary.updated += tag.updated.length;
    summary.removed += tag.removed.length;
  }
  const ids = [...changed];
  for (let start = 0; start < ids.length; start += refreshChunk) {
    library.transaction(() => {
      for (const id of ids.slice(start, start + refreshChunk)) library.searchIndex.refresh(id);
    });
  }
  summary.photosChanged = ids.length;
  summary.ms = Math.round(performance.now() - started);
  return summary;
}
