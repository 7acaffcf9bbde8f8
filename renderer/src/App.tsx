import { useEffect, useState, type ReactNode } from 'react';
import type { IndexProgressView } from '../../electron/contract/views.js';
import { useClient, useLibraryEvents } from './api/ClientContext.js';
import { NoticeProvider } from './components/Notices.js';
import { ErrorNotice } from './components/States.js';
import { useApi } from './hooks/useApi.js';
import { useCorrections } from './hooks/useCorrections.js';
import { useHashRoute, type Route } from './hooks/useHashRoute.js';
import { useShortcuts } from './hooks/useShortcuts.js';
import { AboutScreen } from './screens/AboutScreen.js';
import { LibraryScreen } from './screens/LibraryScreen.js';
import { PhotoScreen } from './screens/PhotoScreen.js';
import { PhotosScreen } from './screens/PhotosScreen.js';
import { ReviewScreen } from './screens/ReviewScreen.js';
import { TagsScreen } from './screens/TagsScreen.js';
import { PeopleScreen } from './people/PeopleScreen.js';
import { useFolderDrop } from './library/useFolderDrop.js';
import { MapScreen } from './map/MapScreen.js';
import { DuplicatesScreen } from './duplicates/DuplicatesScreen.js';
import { LearningNavItem, LearningScreen, isLearningHash } from './learning/LearningScreen.js';
import { AlbumsNav } from './albums/AlbumsNav.js';
import { AlbumsScreen } from './albums/AlbumsScreen.js';

export function App() {
  return (
    <NoticeProvider>
      <Shell />
    </NoticeProvider>
  );
}

const nav: { screen: Route['screen']; label: string; icon: ReactNode }[] = [
  { screen: 'gallery', label: 'Photos', icon: <path d="M3 5h14v10H3zM3 12l4-4 3 3 2-2 5 5" /> },
  { screen: 'search', label: 'Search', icon: <path d="M8.5 3a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11zM13 13l4.5 4.5" /> },
  { screen: 'review', label: 'Review', icon: <path d="M4 10l4 4 8-9" /> },
  { screen: 'tags', label: 'Tags', icon: <path d="M3 3h7l7 7-7 7-7-7zM7 7h.01" /> },
  { screen: 'map', label: 'Map', icon: <path d="M3 5l4.5-2 5 2 4.5-2v12l-4.5 2-5-2L3 17zM7.5 3v12M12.5 5v12" /> },
  { screen: 'people', label: 'People', icon: <path d="M10 3a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7zM3.5 17c0-3.3 2.9-5 6.5-5s6.5 1.7 6.5 5" /> },
  { screen: 'duplicates', label: 'Duplicates', icon: <path d="M6 6h10v10H6zM4 14V4h10" /> },
  { screen: 'library', label: 'Library', icon: <path d="M3 5h5l2 2h7v9H3z" /> },
];

// Last, after Learning: it is not part of working with the library.
const aboutNav: NavEntry = { screen: 'about', label: 'About', icon: <path d="M10 2.5a7.5 7.5 0 1 0 0 15 7.5 7.5 0 0 0 0-15zM10 9v5M10 6h.01" /> };

type NavEntry = (typeof nav)[number];

function NavItem({ item, active, onGo }: { item: NavEntry; active: boolean; onGo(screen: Route['screen']): void }) {
  return (
    <li>
      <a
        href={item.screen === 'gallery' ? '#/' : `#/${item.screen}`}
        // The name when the sidebar is only icons (very narrow windows).
        title={item.label}
        className={active ? 'active' : undefined}
        aria-current={active ? 'page' : undefined}
        onClick={(event) => {
          event.preventDefault();
          onGo(item.screen);
        }}
      >
        <svg viewBox="0 0 20 20" aria-hidden="true">
          {item.icon}
        </svg>
        {item.label}
      </a>
    </li>
  );
}

function Shell() {
  const [route, navigate] = useHashRoute();
  const corrections = useCorrections();
  const client = useClient();
  const access = useApi('library.status', {}, []);
  useShortcuts({ 'mod+z': () => void corrections.undo() });
  useFolderDrop(() => navigate({ screen: 'library' }));
  useEffect(
    () =>
      client.onMenuCommand((command) => {
        if (command === 'open-review') navigate({ screen: 'review' });
        else if (command === 'focus-search') {
          // Both the gallery and search have the box; elsewhere, go to search first.
          if (!/^#\/(search)?(\?|$)/.test(window.location.hash || '#/')) navigate({ screen: 'search', query: '' });
          requestAnimationFrame(() => document.querySelector<HTMLInputElement>('input[type="search"]')?.focus());
        }
      }),
    [client, navigate],
  );

  if (access.error?.kind === 'unauthorized') {
    return (
      <div className="page centered">
        <ErrorNotice error={{ ...access.error, message: 'This page has no valid access token. Open the URL that `phototag serve` printed (it changes on every start).' }} />
      </div>
    );
  }

  const active = route.screen === 'photo' ? (route.query ? 'search' : 'gallery') : route.screen;
  const go = (screen: Route['screen']) => navigate(screen === 'search' || screen === 'map' ? { screen, query: '' } : ({ screen } as Route));

  let content: ReactNode;
  if (route.screen === 'gallery' || route.screen === 'search') {
    content = <PhotosScreen mode={route.screen} query={route.screen === 'search' ? route.query : ''} navigate={navigate} />;
  } else if (route.screen === 'photo') {
    content = <PhotoScreen id={route.id} query={route.query} index={route.index} navigate={navigate} />;
  } else if (route.screen === 'library') {
    content = <LibraryScreen />;
  } else if (route.screen === 'review') {
    content = <ReviewScreen navigate={navigate} />;
  } else if (route.screen === 'people') {
    content = <PeopleScreen navigate={navigate} />;
  } else if (route.screen === 'map') {
    content = <MapScreen query={route.query} navigate={navigate} />;
  } else if (route.screen === 'duplicates') {
    content = <DuplicatesScreen navigate={navigate} />;
  } else if (route.screen === 'about') {
    content = <AboutScreen />;
  } else if (route.screen === 'albums') {
    content = <AlbumsScreen navigate={navigate} />;
  } else {
    content = <TagsScreen navigate={navigate} />;
  }
  const learning = isLearningHash(window.location.hash);
  if (learning) content = <LearningScreen />;

  return (
    <div className="app">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <svg viewBox="0 0 32 32" aria-hidden="true">
            <rect width="32" height="32" rx="8" />
            <path d="M7 22l6-7 4 5 3-3 5 5z" />
            <circle cx="21" cy="11" r="3" />
          </svg>
          <span>Phototag</span>
        </div>
        <ul>
          {nav.map((item) => (
            <NavItem key={item.screen} item={item} active={active === item.screen && !learning} onGo={go} />
          ))}
          <LearningNavItem active={learning} />
          <NavItem item={aboutNav} active={active === 'about' && !learning} onGo={go} />
        </ul>
        <AlbumsNav activeQuery={route.screen === 'search' && !learning ? route.query : null} albumsActive={route.screen === 'albums' && !learning} navigate={navigate} />
        <IndexingBadge onOpen={() => go('library')} />
      </nav>
      {/* Focusable so its content scrolls from the keyboard on screens with nothing else to focus (WCAG 2.1.1). */}
      <main className="content" tabIndex={0}>
        {content}
      </main>
    </div>
  );
}

/** A quiet line at the bottom of the sidebar while the indexer works; it opens the Library screen. */
function IndexingBadge({ onOpen }: { onOpen(): void }) {
  const [progress, setProgress] = useState<IndexProgressView | null>(null);
  useLibraryEvents((event) => {
    if (event.type === 'index-progress') setProgress(event.progress);
  });
  if (!progress || progress.phase === 'idle') return null;
  return (
    <button type="button" className="indexing-badge" onClick={onOpen}>
      <span className="spinner" aria-hidden="true" />
      {progress.phase === 'scanning' ? `Scanning… ${progress.found.toLocaleString()} found` : `Indexing… ${progress.queued.toLocaleString()} to go`}
    </button>
  );
}
