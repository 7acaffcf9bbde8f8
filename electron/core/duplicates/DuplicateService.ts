import type { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import { embeddingVersion } from '../../../native-models/embedding/embeddingSpec.js';
import type { Clock } from '../adapters/clock.js';
import { LibraryError } from '../library/errors.js';
import type { DuplicateGroupView, DuplicatesUndoView, DuplicatesView, KeepCopyView } from '../../contract/views.js';
import { defaultThresholds, groupDuplicates, whyBest, type CopyFacts, type DuplicateThresholds } from './groupDuplicates.js';
import { PERCEPTUAL_HASH_VERSION } from './perceptualHash.js';

/** Every indexed photo as grouping needs it: facts, stored hashes, and the stored embedding (normalised). */
export function copyFacts(library: LibraryDatabase, options: { includeHidden: boolean }): CopyFacts[] {
  const embeddings = new Map<number, Float32Array>();
  for (const v of library.vectors.iterate('embedding', embeddingVersion)) {
    let norm = 0;
    for (const x of v.values) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    embeddings.set(v.photoId, v.values.map((x) => x / norm));
  }
  return library.duplicates
    .candidates(PERCEPTUAL_HASH_VERSION)
    .filter((c) => options.includeHidden || !c.hidden)
    .map((c) => ({ ...c, embedding: embeddings.get(c.id) ?? null }));
}

/**
 * Duplicates as the user sees and settles them: groups of copies, best first, and "keep this one", which hides
 * the others (never deletes or moves a file) and can be undone.
 */
export class DuplicateService {
  constructor(
    private readonly library: LibraryDatabase,
    private readonly clock: Clock,
    private readonly thresholds: DuplicateThresholds = defaultThresholds,
  ) {}

  /** Groups among the photos not hidden yet. */
  list(): DuplicatesView {
    const photos = copyFacts(this.library, { includeHidden: false });
    const groups = groupDuplicates(photos, this.thresholds).map(groupView);
    return {
      groups,
      extraCopies: groups.reduce((n, g) => n + g.copies.length - 1, 0),
      hidden: this.library.duplicates.hiddenCount(),
      unhashed: photos.filter((p) => p.hashes === null).length,
    };
  }

  /** Hides every other copy in `keepId`'s group; the files stay where they are. */
  keep(keepId: number): KeepCopyView {
    const group = groupDuplicates(copyFacts(this.library, { includeHidden: false }), this.thresholds).find((g) => g.some((c) => c.id === keepId));
    if (!group) throw new LibraryError('photo-not-found', `Photo ${keepId} has no copies left to hide (see phototag duplicates).`);
    const others = group.filter((c) => c.id !== keepId).map((c) => c.id);
    const now = this.clock.now();
    const action = this.library.transaction(() => {
      const next = this.library.duplicates.nextAction();
      for (const id of others) {
        this.library.duplicates.hide(id, keepId, next, now);
        this.library.searchIndex.refresh(id);
      }
      return next;
    });
    return { hidden: others, action };
  }

  /** Shows again the photos the newest "keep this one" hid. */
  undo(): DuplicatesUndoView {
    return this.library.transaction(() => {
      const action = this.library.duplicates.lastAction();
      if (action === null) return { shown: [] };
      const shown = this.library.duplicates.photosOfAction(action);
      this.library.duplicates.unhideAction(action);
      for (const id of shown) this.library.searchIndex.refresh(id);
      return { shown };
    });
  }
}

function groupView(copies: CopyFacts[]): DuplicateGroupView {
  const best = copies[0] as CopyFacts;
  return {
    id: best.id,
    bestBecause: whyBest(best, copies.slice(1)),
    copies: copies.map((c) => ({
      id: c.id,
      path: c.path,
      thumbnailHash: c.contentHash,
      width: c.width,
      height: c.height,
      format: c.format,
      size: c.size,
      hasExif: c.hasExif,
      kind: c.id !== best.id && c.contentHash === best.contentHash ? 'exact' : 'similar',
    })),
  };
}
