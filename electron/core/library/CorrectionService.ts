import type { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import type { CorrectionEntry } from '../../../db/repositories/CorrectionRepository.js';
import type { PhotoRow } from '../../../db/repositories/PhotoRepository.js';
import type { TagState } from '../../../db/repositories/TagRepository.js';
import type { PhotoDetailView, PhotoSummaryView, ReviewItemView } from '../../contract/views.js';
import { systemClock, type Clock } from '../adapters/clock.js';
import { LibraryError } from './errors.js';
import { photoDetailView, photoSummaryView, tagView } from './views.js';

export type TagCorrection = 'accept' | 'reject' | 'add' | 'remove';

const tagStates: ReadonlySet<string> = new Set<TagState>(['suggested', 'accepted', 'rejected']);

/**
 * What the user says about tags and captions. Every change is logged in `corrections` by the repositories; one
 * call is one batch there, so one undo takes back a whole action (a tag added to fifty selected photos). The
 * model never overturns these rows (TagRepository.setModelTags, CaptionRepository.setFromModel).
 */
export class CorrectionService {
  constructor(
    private readonly library: LibraryDatabase,
    private readonly clock: Clock = systemClock,
    /** The people decisions' undo (PeopleService): one undo takes back whichever was made last, a tag or a person. */
    private readonly people?: { undo(): { label: string; photoIds: number[] } },
  ) {}

  /** Applies one tag correction to every photo in `photoIds`, all or none. */
  correctTags(kind: TagCorrection, photoIds: readonly number[], tag: string): PhotoSummaryView[] {
    const ids = unique(photoIds);
    return this.batch(ids, (photoId, now) => {
      // Accepting, rejecting or removing a tag the photo shows may use a synonym (`tv`): it attaches to the tag it
      // stands for. A tag the user adds keeps the user's word (search finds the synonym's tag with it anyway).
      const name = kind === 'add' ? tag.trim() : (this.library.tags.resolve(tag)?.name ?? tag);
      if (kind === 'accept') this.library.tags.accept(photoId, name, now);
      else if (kind === 'reject') this.library.tags.reject(photoId, name, now);
      else if (kind === 'add') this.library.tags.add(photoId, name, now);
      else this.library.tags.remove(photoId, name, now);
    });
  }

  /**
   * Replaces tag `from` with `to` on each photo that carries it; photos without it are left alone. `to` is kept
   * as the user wrote it: renaming to "puppy" makes a tag "puppy", never the tag "puppy" is a synonym of ("dog").
   */
  renameTag(photoIds: readonly number[], from: string, to: string): PhotoSummaryView[] {
    const ids = unique(photoIds);
    const target = to.trim();
    if (target.length === 0) throw new LibraryError('bad-request', 'Give the tag a new name.');
    return this.batch(ids, (photoId, now) => {
      this.library.tags.rename(photoId, from, target, now);
    });
  }

  setCaption(photoId: number, text: string): PhotoDetailView {
    const [row] = this.photos([photoId]);
    this.library.transaction(() => {
      const before = this.library.corrections.lastId();
      this.library.captions.setByUser(photoId, text, this.clock.now());
      this.library.corrections.groupAfter(before);
      this.library.searchIndex.refresh(photoId);
    });
    const fresh = this.library.photos.byId(photoId) ?? (row as PhotoRow);
    return photoDetailView(fresh, this.library.tags.forPhoto(photoId), this.library.captions.get(photoId), this.library.places.forPhoto(photoId), this.library.faces.forPhoto(photoId));
  }

  /** Takes back the newest batch of corrections that still stands; calling it again walks further back. */
  undo(): { undone: number; photos: PhotoSummaryView[]; label?: string } {
    const peopleAt = this.people ? (this.library.faces.newestAction()?.createdAt ?? null) : null;
    const tagsAt = this.library.corrections.newestStandingAt();
    if (this.people && peopleAt !== null && (tagsAt === null || peopleAt >= tagsAt)) {
      const undone = this.people.undo();
      return { undone: 1, photos: this.summaries(undone.photoIds), label: undone.label };
    }
    const touched = this.library.transaction(() => {
      const batch = this.library.corrections.newestBatch();
      if (batch.length === 0) throw new LibraryError('nothing-to-undo', 'There is nothing to undo: every correction has been taken back already, or none was made yet.');
      const now = this.clock.now();
      for (const entry of batch) this.revert(entry, now);
      this.library.corrections.markUndone(batch.map((e) => e.id), now);
      const photoIds = unique(batch.map((e) => e.photoId));
      for (const id of photoIds) this.library.searchIndex.refresh(id);
      return { undone: batch.length, photoIds };
    });
    return { undone: touched.undone, photos: this.summaries(touched.photoIds) };
  }

  /**
   * Model suggestions nobody has judged yet, least certain first: a confidence near ½ is where a yes or no from
   * the user teaches the most and where the model is most often wrong.
   */
  reviewQueue(limit: number, tag?: string): ReviewItemView[] {
    let tagId: number | null = null;
    if (tag !== undefined) {
      const resolved = this.library.tags.resolve(tag);
      if (!resolved) return [];
      tagId = resolved.id;
    }
    const suggestions = this.library.tags.uncertainSuggestions(limit, tagId);
    const photos = new Map<number, PhotoSummaryView>();
    return suggestions.flatMap(({ photoId, tagId: suggested }) => {
      let photo = photos.get(photoId);
      if (!photo) {
        const row = this.library.photos.byId(photoId);
        if (!row) return [];
        photo = photoSummaryView(row, this.library.tags.forPhoto(photoId), this.library.captions.get(photoId));
        photos.set(photoId, photo);
      }
      const tagRow = this.library.tags.forPhoto(photoId).find((t) => t.tagId === suggested);
      return tagRow ? [{ photo, tag: tagView(tagRow) }] : [];
    });
  }

  summaries(photoIds: readonly number[]): PhotoSummaryView[] {
    return photoIds.flatMap((id) => {
      const row = this.library.photos.byId(id);
      return row ? [photoSummaryView(row, this.library.tags.forPhoto(id), this.library.captions.get(id))] : [];
    });
  }

  /** Runs `apply` on each photo in one transaction and one correction batch, then refreshes their search rows. */
  private batch(photoIds: readonly number[], apply: (photoId: number, now: number) => void): PhotoSummaryView[] {
    this.photos(photoIds);
    this.library.transaction(() => {
      const before = this.library.corrections.lastId();
      const now = this.clock.now();
      for (const id of photoIds) apply(id, now);
      this.library.corrections.groupAfter(before);
      for (const id of photoIds) this.library.searchIndex.refresh(id);
    });
    return this.summaries(photoIds);
  }

  /** The photos' rows; a correction to a photo that is not (or no longer) in the library is refused whole. */
  private photos(photoIds: readonly number[]): PhotoRow[] {
    const rows: PhotoRow[] = [];
    const absent: number[] = [];
    for (const id of photoIds) {
      const row = this.library.photos.byId(id);
      if (row && row.state !== 'missing') rows.push(row);
      else absent.push(id);
    }
    if (absent.length > 0) {
      const list = absent.slice(0, 10).join(', ') + (absent.length > 10 ? ` and ${absent.length - 10} more` : '');
      throw new LibraryError('photo-not-found', `No photo ${list} in the library (removed, or its file is gone). Reload the view and try again.`, { photoIds: absent });
    }
    return rows;
  }

  private revert(entry: CorrectionEntry, now: number): void {
    if (entry.kind === 'caption') {
      const source = this.library.corrections.userCaptionBefore(entry.photoId, entry.id) ? 'user' : 'model';
      this.library.captions.restore(entry.photoId, entry.oldValue, source, now);
      return;
    }
    // The tag itself was deleted since (ON DELETE SET NULL): there is no row left to put back.
    if (entry.tagId === null) return;
    const state = entry.oldValue !== null && tagStates.has(entry.oldValue) ? (entry.oldValue as TagState) : null;
    this.library.tags.restore(entry.photoId, entry.tagId, state, now);
  }
}

function unique(ids: readonly number[]): number[] {
  return [...new Set(ids)];
}
