import { useEffect } from 'react';
import type { PhotoSummaryView } from '../../../electron/contract/views.js';
import { useApi } from '../hooks/useApi.js';

/** How far into a search a photo opened without its place (a link, an old bookmark) is looked for. */
export const lookupLimit = 1000;

export interface Neighbours {
  previous: PhotoSummaryView | undefined;
  next: PhotoSummaryView | undefined;
}

/**
 * The photos before and after this one in the search it was opened from (the query and position live in the URL,
 * so a reload or a shared link keeps the sequence). A photo opened without a position, or no longer at it (the
 * library changed), is looked up among the search's first results, and the URL gets the position it found
 * (`relocate`). A photo opened from no search at all steps through the whole library, newest first.
 */
export function useNeighbours(id: number, query: string | null, index: number | null, relocate: (index: number) => void): Neighbours {
  const sequence = query ?? '';
  const nearInput = index !== null ? { query: sequence, offset: Math.max(0, index - 1), limit: 3 } : null;
  const near = useApi('photos.search', nearInput, []);
  const answered = nearInput !== null && near.answered !== null && JSON.stringify(near.answered) === JSON.stringify(nearInput);
  const results = answered ? (near.value?.results ?? []) : [];
  const here = results.findIndex((r) => r.id === id);
  const lost = index === null || (answered && here < 0);
  const wide = useApi('photos.search', lost ? { query: sequence, offset: 0, limit: lookupLimit } : null, []);
  const found = lost && wide.value ? wide.value.results.findIndex((r) => r.id === id) : -1;

  useEffect(() => {
    if (found >= 0 && found !== index) relocate(found);
    // relocate is a fresh closure on every render; the position found is what matters.
  }, [found, index]);

  if (here < 0) return { previous: undefined, next: undefined };
  return { previous: results[here - 1], next: results[here + 1] };
}
