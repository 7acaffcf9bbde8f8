import { useState, type FormEvent } from 'react';
import { albumSearchQuery } from '../../../electron/contract/api.js';
import type { AlbumView } from '../../../electron/contract/views.js';
import { useClient } from '../api/ClientContext.js';
import { useNotices } from '../components/Notices.js';
import { EmptyState, ErrorNotice, Loading } from '../components/States.js';
import { count } from '../format.js';
import { useApi } from '../hooks/useApi.js';
import type { Route } from '../hooks/useHashRoute.js';
import './albums.css';

export interface AlbumsScreenProps {
  navigate(route: Route): void;
}

/** Every album: open, rename, delete; make a new one, hand-picked (filled from a selection) or smart (a search). */
export function AlbumsScreen({ navigate }: AlbumsScreenProps) {
  const client = useClient();
  const { notify } = useNotices();
  const list = useApi('albums.list', {}, ['albums', 'tags', 'photos', 'folders']);
  const [name, setName] = useState('');
  const [query, setQuery] = useState('');
  const [formError, setFormError] = useState<string | null>(null);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const smart = query.trim() !== '';
    const result = await client.call('albums.create', smart ? { name, query } : { name });
    if (!result.ok) return setFormError(result.error.message);
    setFormError(null);
    setName('');
    setQuery('');
    notify(smart ? `Made the smart album “${result.value.name}” (${count(result.value.photos, 'photo')})` : `Made the album “${result.value.name}”: add photos from a selection`);
    list.reload();
  };

  return (
    <div className="page">
      <header className="page-header">
        <h1>Albums</h1>
        <p className="muted">Hand-picked albums hold the photos you add; a smart album is a saved search that stays current.</p>
      </header>
      <form className="album-form" onSubmit={(event) => void create(event)} aria-label="New album">
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={120} autoComplete="off" />
        </label>
        <label>
          Search (for a smart album; leave empty for a hand-picked one)
          <input value={query} onChange={(e) => setQuery(e.target.value)} maxLength={2000} placeholder="e.g. tag:dog rating:4+" autoComplete="off" spellCheck={false} />
        </label>
        <button type="submit" className="button primary" disabled={!name.trim()}>
          Make album
        </button>
        {formError && (
          <p className="album-error" role="alert">
            {formError}
          </p>
        )}
      </form>
      {list.error && <ErrorNotice error={list.error} onRetry={list.reload} />}
      {!list.value && !list.error && <Loading label="Loading albums…" />}
      {list.value && list.value.albums.length === 0 && (
        <EmptyState title="No albums yet">Select photos and choose “Add to album”, or make a smart album from a search above.</EmptyState>
      )}
      {list.value && list.value.albums.length > 0 && (
        <ul className="album-grid">
          {list.value.albums.map((album) => (
            <AlbumCard key={album.id} album={album} onOpen={() => navigate({ screen: 'search', query: albumSearchQuery(album.name) })} onChanged={list.reload} />
          ))}
        </ul>
      )}
    </div>
  );
}

function AlbumCard({ album, onOpen, onChanged }: { album: AlbumView; onOpen(): void; onChanged(): void }) {
  const client = useClient();
  const { notify } = useNotices();
  const [renaming, setRenaming] = useState(false);
  const [draft, setDraft] = useState(album.name);
  const [error, setError] = useState<string | null>(null);

  const rename = async (event: FormEvent) => {
    event.preventDefault();
    const result = await client.call('albums.rename', { id: album.id, name: draft });
    if (!result.ok) return setError(result.error.message);
    setError(null);
    setRenaming(false);
    onChanged();
  };
  const remove = async () => {
    if (!window.confirm(`Delete the album “${album.name}”? Its photos stay in your library.`)) return;
    const result = await client.call('albums.delete', { id: album.id });
    if (!result.ok) return notify(result.error.message, { tone: 'error' });
    notify(`Deleted the album “${album.name}”; its photos are still in your library`);
    onChanged();
  };

  return (
    <li className="album-card">
      <a
        className="album-cover"
        href={`#/search?q=${encodeURIComponent(albumSearchQuery(album.name))}`}
        aria-label={`Open ${album.name}`}
        onClick={(event) => {
          event.preventDefault();
          onOpen();
        }}
      >
        {album.cover && <img src={client.thumbnailUrl(album.cover, 256)} alt="" loading="lazy" />}
      </a>
      <div className="album-body">
        {renaming ? (
          <form onSubmit={(event) => void rename(event)}>
            <input aria-label={`New name for ${album.name}`} value={draft} autoFocus maxLength={120} onChange={(e) => setDraft(e.target.value)} />
            <div className="album-actions">
              <button type="submit" className="button small primary" disabled={!draft.trim()}>
                Save
              </button>
              <button type="button" className="button small ghost" onClick={() => setRenaming(false)}>
                Cancel
              </button>
            </div>
            {error && (
              <p className="album-error" role="alert">
                {error}
              </p>
            )}
          </form>
        ) : (
          <h2>{album.name}</h2>
        )}
        <span className="muted small">
          {count(album.photos, 'photo')} · {album.kind === 'smart' ? <>smart: <code>{album.query}</code></> : 'hand-picked'}
        </span>
        {!renaming && (
          <div className="album-actions">
            <button type="button" className="button small" onClick={onOpen}>
              Open
            </button>
            <button type="button" className="button small" aria-label={`Rename ${album.name}`} onClick={() => setRenaming(true)}>
              Rename
            </button>
            <button type="button" className="button small danger" aria-label={`Delete ${album.name}`} onClick={() => void remove()}>
              Delete
            </button>
          </div>
        )}
      </div>
    </li>
  );
}
