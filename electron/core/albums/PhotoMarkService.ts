import type { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import type { PhotoSummaryView } from '../../contract/views.js';
import { systemClock, type Clock } from '../adapters/clock.js';
import { LibraryError } from '../library/errors.js';
import { photoSummaryView } from '../library/views.js';

/**
 * Favourites and star ratings: the user's own marks on photos. Stored in the library, never in the photo file;
 * the pipeline never writes them, so re-indexing a photo keeps them. A call on a selection is all or nothing.
 */
export class PhotoMarkService {
  constructor(
    private readonly library: LibraryDatabase,
    private readonly clock: Clock = systemClock,
  ) {}

  setFavorite(photoIds: readonly number[], favorite: boolean): PhotoSummaryView[] {
    return this.apply(photoIds, (id, now) => this.library.marks.setFavorite(id, favorite, now));
  }

  /** 0 takes the rating away. */
  setRating(photoIds: readonly number[], rating: number): PhotoSummaryView[] {
    if (!Number.isInteger(rating) || rating < 0 || rating > 5) throw new LibraryError('bad-request', `A rating is 0 to 5 stars, not ${rating}.`);
    return this.apply(photoIds, (id, now) => this.library.marks.setRating(id, rating, now));
  }

  /** Runs `mark` on each photo and refreshes their search rows (is:favorite, rating:), in one transaction. */
  private apply(photoIds: readonly number[], mark: (photoId: number, now: number) => void): PhotoSummaryView[] {
    const ids = [...new Set(photoIds)];
    this.library.transaction(() => {
      requirePhotos(this.library, ids);
      const now = this.clock.now();
      for (const id of ids) {
        mark(id, now);
        this.library.searchIndex.refresh(id);
      }
    });
    return ids.flatMap((id) => {
      const row = this.library.photos.byId(id);
      return row ? [photoSummaryView(row, this.library.tags.forPhoto(id), this.library.captions.get(id))] : [];
    });
  }
}

/** Refuses the whole call when any photo is not (or no longer) in the library. */
export function requirePhotos(library: LibraryDatabase, photoIds: readonly number[]): void {
  const absent = photoIds.filter((id) => {
    const row = library.photos.byId(id);
    return !row || row.state === 'missing';
  });
  if (absent.length === 0) return;
  const list = absent.slice(0, 10).join(', ') + (absent.length > 10 ? ` and ${absent.length - 10} more` : '');
  throw new LibraryError('photo-not-found', `No photo ${list} in the library (removed, or its file is gone). Reload the view and try again.`, { photoIds: absent });
}
