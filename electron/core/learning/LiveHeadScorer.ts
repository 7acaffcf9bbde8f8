import type { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import type { FeatureVersions } from '../../../db/repositories/VectorMatrixRepository.js';
import { compileHead, scoreRows, type CompiledHead, type TagHead } from '../../../native-models/heads/tagHead.js';
import { headModelVersion, headReads, storedConfidence } from './learningInputs.js';

interface LiveHead {
  inputs: TagHead['inputs'];
  compiled: CompiledHead;
}

/**
 * Applies the live heads to a photo while its fresh analysis is stored, in the same transaction: a re-analysed
 * photo never shows the analyzer's raw tags in place of what was learned, and a new photo gets learned tags at
 * once. The same rule as a re-score (LearningService): a head's confidence at or over its threshold is a model
 * suggestion, under it none; the writes never touch a row the user judged. Heads are compiled once per stored
 * version (a swap stores a new one), so each photo costs a read of the live heads' ids, one of its vectors and
 * a dot product per head.
 */
export class LiveHeadScorer {
  private readonly heads = new Map<number, LiveHead | null>();

  /** Must run inside the caller's transaction, after the photo's tags and vectors were written. */
  apply(library: LibraryDatabase, photoId: number, versions: FeatureVersions, now: number): void {
    const live = library.heads.activeKeys();
    if (live.length === 0) {
      this.heads.clear();
      return;
    }
    const source = library.vectorMatrix.matrixOf(versions, [photoId]);
    if (source.photoIds.length === 0) return;
    const seen = new Set<number>();
    for (const stored of live) {
      seen.add(stored.id);
      if (!this.heads.has(stored.id)) this.heads.set(stored.id, compiled(library.heads.byVersion(stored.tagId, stored.version)?.head, source.embeddingDim, source.scoresDim));
      const head = this.heads.get(stored.id);
      if (!head || !headReads(head.inputs, versions)) continue;
      const confidence = storedConfidence(scoreRows(head.compiled, source)[0] as number);
      if (confidence >= head.compiled.threshold) library.learningLabels.suggest(photoId, stored.tagId, confidence, headModelVersion(stored.version), now);
      else library.learningLabels.unsuggest(photoId, stored.tagId);
    }
    for (const id of this.heads.keys()) if (!seen.has(id)) this.heads.delete(id);
  }
}

function compiled(json: string | undefined, embeddingDim: number, scoresDim: number): LiveHead | null {
  if (json === undefined) return null;
  try {
    const head = JSON.parse(json) as TagHead;
    return { inputs: head.inputs, compiled: compileHead(head, embeddingDim, scoresDim) };
  } catch {
    // Unreadable or for other dimensions: skipped here exactly as the learning worker skips it.
    return null;
  }
}
