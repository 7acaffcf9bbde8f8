import { albumSearchQuery } from '../../../electron/contract/api.js';
import type { Route } from '../hooks/useHashRoute.js';
import { useApi } from '../hooks/useApi.js';
import './albums.css';

export interface AlbumsNavProps {
  /** The search on screen, to mark the collection it shows. */
  activeQuery: string | null;
  albumsActive: boolean;
  navigate(route: Route): void;
}

export const FAVORITES_QUERY = 'is:favorite';

const heartIcon = 'M10 16.5s-6-3.7-6-8.1A3.4 3.4 0 0 1 10 6.2a3.4 3.4 0 0 1 6 2.2c0 4.4-6 8.1-6 8.1z';
const albumIcon = 'M4 4h12v12H4zM4 13l3-3 3 3 2-2 4 4';
const allAlbumsIcon = 'M6 3h11v11M3 6h11v11H3z';

/**
 * The sidebar's collections: Favourites and every album with its count. Each opens as the search that shows it,
 * and the counts are that search's totals (the server counts with the same search), so they agree with the screen.
 */
export function AlbumsNav({ activeQuery, albumsActive, navigate }: AlbumsNavProps) {
  const list = useApi('albums.list', {}, ['albums', 'tags', 'photos', 'folders']);
  const entries = [
    { key: 'favorites', label: 'Favourites', query: FAVORITES_QUERY, count: list.value?.favorites },
    ...(list.value?.albums ?? []).map((a) => ({ key: `album-${a.id}`, label: a.name, query: albumSearchQuery(a.name), count: a.photos })),
  ];
  const link = (label: string, query: string, n: number | undefined, key: string) => (
    <li key={key}>
      <a
        href={`#/search?q=${encodeURIComponent(query)}`}
        className={activeQuery === query ? 'active' : undefined}
        aria-current={activeQuery === query ? 'page' : undefined}
        title={label}
        onClick={(event) => {
          event.preventDefault();
          navigate({ screen: 'search', query });
        }}
      >
        <svg viewBox="0 0 20 20" aria-hidden="true">
          <path d={key === 'favorites' ? heartIcon : albumIcon} />
        </svg>
        <span className="name">{label}</span>
        {n !== undefined && <span className="count">{n.toLocaleString()}</span>}
      </a>
    </li>
  );
  return (
    <>
      <h2 className="nav-section" id="albums-nav-title">
        Collections
      </h2>
      <ul className="albums-nav" aria-labelledby="albums-nav-title">
        {entries.map((e) => link(e.label, e.query, e.count, e.key))}
        <li>
          <a
            href="#/albums"
            title="All albums"
            className={albumsActive ? 'active' : undefined}
            aria-current={albumsActive ? 'page' : undefined}
            onClick={(event) => {
              event.preventDefault();
              navigate({ screen: 'albums' });
            }}
          >
            <svg viewBox="0 0 20 20" aria-hidden="true">
              <path d={allAlbumsIcon} />
            </svg>
            <span className="name">All albums</span>
          </a>
        </li>
      </ul>
    </>
  );
}
