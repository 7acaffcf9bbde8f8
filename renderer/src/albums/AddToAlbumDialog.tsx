import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useClient } from '../api/ClientContext.js';
import { useNotices } from '../components/Notices.js';
import { count } from '../format.js';
import { useApi } from '../hooks/useApi.js';
import './albums.css';

export interface AddToAlbumDialogProps {
  photoIds: number[];
  onDone(): void;
}

/** "Add to album": one of the hand-picked albums, or a new one named here. */
export function AddToAlbumDialog({ photoIds, onDone }: AddToAlbumDialogProps) {
  const client = useClient();
  const { notify } = useNotices();
  const albums = useApi('albums.list', {}, ['albums']);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const photos = count(photoIds.length, 'photo');
  useEffect(() => input.current?.focus(), []);

  const addTo = async (id: number, albumName: string) => {
    const result = await client.call('albums.addPhotos', { id, photoIds });
    if (!result.ok) return setError(result.error.message);
    notify(`Added ${photos} to “${albumName}”`);
    onDone();
  };
  const create = async (event: FormEvent) => {
    event.preventDefault();
    const result = await client.call('albums.create', { name, photoIds });
    if (!result.ok) return setError(result.error.message);
    notify(`Made the album “${result.value.name}” with ${photos}`);
    onDone();
  };
  const handPicked = (albums.value?.albums ?? []).filter((a) => a.kind === 'hand-picked');

  return (
    <div className="overlay" onMouseDown={onDone}>
      <form
        className="prompt"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onSubmit={(event) => void create(event)}
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            onDone();
          }
          // Keys typed here are not shortcuts for the screen behind.
          event.stopPropagation();
        }}
      >
        <h2 id={titleId}>Add {photos} to an album</h2>
        {handPicked.length > 0 && (
          <ul className="album-choices" aria-label="Albums">
            {handPicked.map((album) => (
              <li key={album.id}>
                <button type="button" className="button" onClick={() => void addTo(album.id, album.name)}>
                  <span>{album.name}</span>
                  <span className="muted">{count(album.photos, 'photo')}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <input ref={input} aria-label="New album name" placeholder="New album name" value={name} maxLength={120} onChange={(e) => setName(e.target.value)} autoComplete="off" />
        {error && (
          <p className="album-error" role="alert">
            {error}
          </p>
        )}
        <div className="prompt-actions">
          <button type="button" className="button ghost" onClick={onDone}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={!name.trim()}>
            Make a new album
          </button>
        </div>
      </form>
    </div>
  );
}
