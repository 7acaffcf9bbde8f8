import { useCallback, useEffect, useState } from 'react';

export type Route =
  | { screen: 'gallery' }
  | { screen: 'search'; query: string }
  /** `query` and `index` say which list the photo was opened from, for stepping to its neighbours. */
  | { screen: 'photo'; id: number; query: string | null; index: number | null }
  | { screen: 'library' }
  | { screen: 'review' }
  | { screen: 'tags' }
  | { screen: 'people' }
  | { screen: 'about' }
  /** `query`: the photos shown on the map (a search), '' for all. */
  | { screen: 'map'; query: string }
  | { screen: 'albums' }
  | { screen: 'duplicates' };

/** Routes live in the URL hash, so the server only ever serves index.html at `/` and a reload keeps the view. */
export function parseRoute(hash: string): Route {
  const [pathPart = '', queryPart = ''] = hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(queryPart);
  const parts = pathPart.split('/').filter(Boolean);
  switch (parts[0]) {
    case 'search':
      return { screen: 'search', query: params.get('q') ?? '' };
    case 'photo': {
      const id = Number(parts[1]);
      const index = params.has('i') ? Number(params.get('i')) : NaN;
      return Number.isInteger(id) && id > 0 ? { screen: 'photo', id, query: params.get('q'), index: Number.isInteger(index) && index >= 0 ? index : null } : { screen: 'gallery' };
    }
    case 'library':
      return { screen: 'library' };
    case 'review':
      return { screen: 'review' };
    case 'tags':
      return { screen: 'tags' };
    case 'people':
      return { screen: 'people' };
    case 'duplicates':
      return { screen: 'duplicates' };
    case 'about':
      return { screen: 'about' };
    case 'map':
      return { screen: 'map', query: params.get('q') ?? '' };
    case 'albums':
      return { screen: 'albums' };
    default:
      return { screen: 'gallery' };
  }
}

export function routeHash(route: Route): string {
  switch (route.screen) {
    case 'search':
      return route.query ? `#/search?q=${encodeURIComponent(route.query)}` : '#/search';
    case 'photo': {
      const params = new URLSearchParams();
      if (route.query !== null) params.set('q', route.query);
      if (route.index !== null) params.set('i', String(route.index));
      const search = params.toString();
      return `#/photo/${route.id}` + (search ? `?${search}` : '');
    }
    case 'gallery':
      return '#/';
    case 'map':
      return route.query ? `#/map?q=${encodeURIComponent(route.query)}` : '#/map';
    default:
      return `#/${route.screen}`;
  }
}

export function useHashRoute(): [Route, (route: Route, options?: { replace?: boolean }) => void] {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback((next: Route, options: { replace?: boolean } = {}) => {
    const hash = routeHash(next);
    if (options.replace) window.history.replaceState(window.history.state, '', hash);
    else if (window.location.hash !== hash) window.history.pushState(window.history.state, '', hash);
    setRoute(parseRoute(hash));
  }, []);
  return [route, navigate];
}
