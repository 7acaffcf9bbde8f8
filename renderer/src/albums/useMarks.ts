import { useCallback, useMemo } from 'react';
import type { PhotoSummaryView } from '../../../electron/contract/views.js';
import { useClient } from '../api/ClientContext.js';
import { useNotices } from '../components/Notices.js';
import { count } from '../format.js';

/** A favourite mark or a rating, as the grid and the photo view ask for it. */
export type MarkChange = { favorite: boolean } | { rating: number };

export interface Marks {
  mark(photoIds: number[], change: MarkChange): Promise<PhotoSummaryView[] | null>;
}

export const starsWord = (n: number): string => (n === 0 ? 'no stars' : count(n, 'star'));

/** Favourites and ratings, each confirmed or explained in a notice. */
export function useMarks(): Marks {
  const client = useClient();
  const { notify } = useNotices();
  const mark = useCallback(
    async (photoIds: number[], change: MarkChange) => {
      if (photoIds.length === 0) return null;
      const result = 'favorite' in change ? await client.call('photos.setFavorite', { photoIds, favorite: change.favorite }) : await client.call('photos.setRating', { photoIds, rating: change.rating });
      if (!result.ok) {
        notify(result.error.message, { tone: 'error' });
        return null;
      }
      const photos = count(photoIds.length, 'photo');
      if ('favorite' in change) notify(change.favorite ? `Added ${photos} to Favourites` : `Took ${photos} out of Favourites`);
      else notify(change.rating === 0 ? `Took the rating off ${photos}` : `Rated ${photos} ${starsWord(change.rating)}`);
      return result.value.photos;
    },
    [client, notify],
  );
  return useMemo(() => ({ mark }), [mark]);
}

/** The change a key asks for: `.` toggles the favourite (on unless every photo is one already), 0–5 set the stars. */
export function markForKey(key: string, photos: readonly { favorite: boolean }[]): MarkChange | null {
  if (key === '.') return { favorite: !(photos.length > 0 && photos.every((p) => p.favorite)) };
  if (/^[0-5]$/.test(key)) return { rating: Number(key) };
  return null;
}
