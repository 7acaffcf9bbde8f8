import { useCallback, useMemo } from 'react';
import type { PhotoSummaryView } from '../../../electron/contract/views.js';
import { useClient } from '../api/ClientContext.js';
import { useNotices } from '../components/Notices.js';

export type TagAction = 'accept' | 'reject' | 'add' | 'remove';

const pastTense: Record<TagAction, string> = { accept: 'Confirmed', reject: 'Rejected', add: 'Added', remove: 'Removed' };

export interface Corrections {
  tag(action: TagAction, photoIds: number[], tag: string): Promise<PhotoSummaryView[] | null>;
  rename(photoIds: number[], from: string, to: string): Promise<PhotoSummaryView[] | null>;
  caption(photoId: number, text: string): Promise<boolean>;
  undo(): Promise<boolean>;
}

const photosWord = (n: number) => (n === 1 ? '1 photo' : `${n.toLocaleString()} photos`);

/** The correcting calls, each confirmed (with an Undo) or explained in a notice. */
export function useCorrections(): Corrections {
  const client = useClient();
  const { notify } = useNotices();

  const undo = useCallback(async () => {
    const result = await client.call('corrections.undo', {});
    if (result.ok && result.value.label) notify(`Undone: ${result.value.label}`);
    else if (result.ok) notify(`Undid ${result.value.undone === 1 ? 'a correction' : `${result.value.undone} corrections`} on ${photosWord(result.value.photos.length)}`);
    else notify(result.error.message, { tone: result.error.kind === 'nothing-to-undo' ? 'info' : 'error' });
    return result.ok;
  }, [client, notify]);

  const undoAction = useMemo(() => ({ label: 'Undo', run: () => void undo() }), [undo]);

  const tag = useCallback(
    async (action: TagAction, photoIds: number[], name: string) => {
      const method = `tags.${action}` as const;
      const result = await client.call(method, { photoIds, tag: name });
      if (!result.ok) {
        notify(result.error.message, { tone: 'error' });
        return null;
      }
      notify(`${pastTense[action]} “${name.trim()}” on ${photosWord(photoIds.length)}`, { action: undoAction });
      return result.value.photos;
    },
    [client, notify, undoAction],
  );

  const rename = useCallback(
    async (photoIds: number[], from: string, to: string) => {
      const result = await client.call('tags.rename', { photoIds, from, to });
      if (!result.ok) {
        notify(result.error.message, { tone: 'error' });
        return null;
      }
      notify(`Renamed “${from}” to “${to.trim()}” on ${photosWord(photoIds.length)}`, { action: undoAction });
      return result.value.photos;
    },
    [client, notify, undoAction],
  );

  const caption = useCallback(
    async (photoId: number, text: string) => {
      const result = await client.call('captions.set', { photoId, text });
      if (!result.ok) notify(result.error.message, { tone: 'error' });
      else notify('Caption saved', { action: undoAction });
      return result.ok;
    },
    [client, notify, undoAction],
  );

  return useMemo(() => ({ tag, rename, caption, undo }), [tag, rename, caption, undo]);
}
