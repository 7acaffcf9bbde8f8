import { useCallback } from 'react';
import { albumSearchQuery } from '../../../electron/contract/api.js';
import { useClient } from '../api/ClientContext.js';
import { useNotices } from '../components/Notices.js';
import { count } from '../format.js';
import { useApi } from '../hooks/useApi.js';

export interface ShownAlbum {
  name: string;
  remove(photoIds: number[]): Promise<boolean>;
}

/** The hand-picked album whose own search (album:"<name>") `query` is, with a way to take photos out of it; else null. */
export function useShownAlbum(query: string): ShownAlbum | null {
  const client = useClient();
  const { notify } = useNotices();
  const list = useApi('albums.list', /^album:"[^"]+"$/.test(query.trim()) ? {} : null, ['albums']);
  const album = list.value?.albums.find((a) => a.kind === 'hand-picked' && albumSearchQuery(a.name) === query.trim());
  const id = album?.id;
  const name = album?.name;
  const remove = useCallback(
    async (photoIds: number[]) => {
      if (id === undefined) return false;
      const result = await client.call('albums.removePhotos', { id, photoIds });
      if (!result.ok) notify(result.error.message, { tone: 'error' });
      else notify(`Took ${count(result.value.removed, 'photo')} out of “${result.value.album.name}”; they are still in your library`);
      return result.ok;
    },
    [client, notify, id],
  );
  return name === undefined ? null : { name, remove };
}
