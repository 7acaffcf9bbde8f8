import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ApiOutput } from '../../../electron/contract/api.js';
import type { PhotoSummaryView, TimelineView } from '../../../electron/contract/views.js';
import { useClient, useLibraryEvents } from '../api/ClientContext.js';
import { FacetPanel } from '../components/FacetPanel.js';
import { OnThisDay } from '../components/OnThisDay.js';
import { SearchBox, type SearchBoxHandle } from '../components/SearchBox.js';
import { EmptyState, ErrorNotice, Loading } from '../components/States.js';
import { TagPrompt } from '../components/TagPrompt.js';
import { ThumbGrid } from '../components/ThumbGrid.js';
import { count } from '../format.js';
import { useApi } from '../hooks/useApi.js';
import { useCorrections, type TagAction } from '../hooks/useCorrections.js';
import { useDebounced } from '../hooks/useDebounced.js';
import type { Route } from '../hooks/useHashRoute.js';
import { useShortcuts } from '../hooks/useShortcuts.js';
import { toggleTerm } from '../query.js';
import type { DayGroup } from '../timelineLayout.js';
import { AddToAlbumDialog } from '../albums/AddToAlbumDialog.js';
import { useMarks } from '../albums/useMarks.js';
import { useShownAlbum } from '../albums/useShownAlbum.js';

export interface PhotosScreenProps {
  mode: 'gallery' | 'search';
  query: string;
  navigate(route: Route, options?: { replace?: boolean }): void;
}

/** Results follow the typing once it pauses this long: quick enough to feel live, slow enough not to flicker. */
const TYPING_PAUSE_MS = 120;
/**
 * A query that does not parse is only called an error once the typing has stopped this long: `tag:`, `(` and `OR`
 * are on the way to a good query, and meanwhile the last good results stay and the problem is shown quietly.
 */
export const STOPPED_TYPING_MS = 900;
/** How long the first results wait for the timeline's day counts before they show without headers. */
const TIMELINE_WAIT_MS = 250;

type SearchPage = ApiOutput<'photos.search'>;

type Prompt = { action: TagAction | 'rename' } | null;

type Order = 'newest' | 'oldest';
const ORDER_KEY = 'phototag.timelineOrder';

/**
 * The last day counts of each query: Back to a list lays it out at once as it was left (its scroll offset is in
 * the same layout), while the counts are fetched again. A handful, as gridPlace keeps.
 */
const timelines = new Map<string, TimelineView>();
function rememberTimeline(query: string, counts: TimelineView) {
  timelines.delete(query);
  timelines.set(query, counts);
  if (timelines.size > 20) timelines.delete(timelines.keys().next().value as string);
}

function savedOrder(): Order {
  try {
    return window.localStorage.getItem(ORDER_KEY) === 'oldest' ? 'oldest' : 'newest';
  } catch {
    return 'newest';
  }
}

const promptTitle: Record<TagAction | 'rename', string> = {
  add: 'Add a tag to',
  accept: 'Confirm a tag on',
  reject: 'Reject a tag on',
  remove: 'Remove a tag from',
  rename: 'Rename a tag on',
};

/**
 * The gallery (every photo, newest first) and search (the query, facets to refine it) in one screen, so the box
 * keeps its focus and caret when typing turns the gallery into results. Select photos to correct many at once.
 */
export function PhotosScreen({ mode, query, navigate }: PhotosScreenProps) {
  const client = useClient();
  const corrections = useCorrections();
  const box = useRef<SearchBoxHandle>(null);
  const [text, setText] = useState(query);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [prompt, setPrompt] = useState<Prompt>(null);
  const [renameFrom, setRenameFrom] = useState<string | null>(null);
  const [addingToAlbum, setAddingToAlbum] = useState(false);
  const marks = useMarks();
  // On a hand-picked album's own search, a selection can be taken out of it.
  const shownAlbum = useShownAlbum(mode === 'search' ? query : '');
  const [version, setVersion] = useState(0);
  // Narrow windows show the facets as a drawer, opened from the toolbar.
  const [facetsOpen, setFacetsOpen] = useState(false);
  // Oldest first is a choice the user makes once and keeps (Back, other queries, the next visit).
  const [order, setOrder] = useState<Order>(savedOrder);
  const settled = useDebounced(text, TYPING_PAUSE_MS);
  const stopped = useDebounced(text, STOPPED_TYPING_MS);

  // The route changed from outside (a tag cloud click, back button): show its query.
  useEffect(() => {
    setText((current) => (current === query ? current : query));
  }, [query]);

  const onType = (value: string) => {
    setText(value);
    if (value.trim() === '' && mode === 'gallery') return;
    navigate({ screen: 'search', query: value }, { replace: mode === 'search' });
  };

  const first = useApi('photos.search', { query: settled, limit: 120, offset: 0 }, ['photos', 'tags', 'folders', 'albums']);
  // What is on screen (grid, count, facets) is the last query that gave results: a half-typed one (`tag:`, `(`,
  // `OR`) keeps them, and so does one that matches nothing while the typing goes on (`tag:dog O` on the way to
  // `tag:dog OR …`); once the typing stops, no match is shown as such.
  // The timeline's days, fetched beside the first page. New results wait for them a moment (TIMELINE_WAIT_MS),
  // the last ones staying on screen, so the headers do not push the photos down under the pointer; past that
  // they show flat until the days come.
  const timeline = useApi('photos.timeline', { query: settled }, ['photos', 'tags', 'folders']);
  if (timeline.value && timeline.answered) rememberTimeline(timeline.answered.query, timeline.value);
  const answeredQuery = first.value && first.answered ? first.answered.query : null;
  const [waitedFor, setWaitedFor] = useState<string | null>(null);
  useEffect(() => {
    if (answeredQuery === null) return;
    const timer = setTimeout(() => setWaitedFor(answeredQuery), TIMELINE_WAIT_MS);
    return () => clearTimeout(timer);
  }, [answeredQuery]);
  const timelineFailed = timeline.error !== null && timeline.error.kind !== 'query-syntax';
  const held = useRef<{ query: string; page: SearchPage } | null>(null);
  let display = held.current;
  if (first.value && first.answered) {
    const typing = stopped !== text;
    const query = first.answered.query;
    const ready = display?.query === query || timelines.has(query) || timelineFailed || waitedFor === query;
    if (ready && !(typing && first.value.total === 0 && display !== null && display.page.total > 0)) display = { query, page: first.value };
  }
  held.current = display;
  const shown = display?.query ?? settled;
  const facets = useApi('search.facets', mode === 'search' ? { query: shown } : null, ['photos', 'tags']);
  const status = useApi('library.status', {}, ['folders', 'photos']);
  // The error is for `settled`; while the typing goes on it stays a quiet hint, and becomes an error once it stops.
  const syntaxError = first.error?.kind === 'query-syntax' ? first.error : null;
  const errorLevel = stopped === text && settled === text ? 'error' : 'hint';

  useLibraryEvents((event) => {
    if (event.type === 'library-changed' && event.reason !== 'folders') setVersion((v) => v + 1);
  });
  useEffect(() => setSelected(new Set()), [shown]);

  const shownTotal = display?.page.total ?? -1;
  const known = timelines.get(shown) ?? null;
  const counts = known && known.total === shownTotal ? known : null;
  const byDate = counts?.order === 'date';
  const oldestFirst = byDate && order === 'oldest';
  const dated = counts ? counts.total - counts.undated : 0;
  const groups = useMemo<DayGroup[] | null>(() => {
    if (!counts || counts.order !== 'date') return null;
    const days = counts.days.map(([day, n]) => ({ day, count: n }));
    if (oldestFirst) days.reverse();
    return counts.undated > 0 ? [...days, { day: null, count: counts.undated }] : days;
  }, [counts, oldestFirst]);
  // The list's index of a position in the grid: oldest first reads the dated photos backwards (undated stay last),
  // so the server's paging by date serves both orders.
  const listIndex = useCallback((position: number) => (oldestFirst && position < dated ? dated - 1 - position : position), [oldestFirst, dated]);

  const loadPage = useCallback(
    async (offset: number, limit: number): Promise<PhotoSummaryView[] | null> => {
      if (!oldestFirst) {
        const result = await client.call('photos.search', { query: shown, limit, offset });
        return result.ok ? result.value.results : null;
      }
      const datedEnd = Math.min(offset + limit, dated);
      const parts: PhotoSummaryView[] = [];
      if (offset < datedEnd) {
        const result = await client.call('photos.search', { query: shown, limit: datedEnd - offset, offset: dated - datedEnd });
        if (!result.ok) return null;
        parts.push(...result.value.results.reverse());
      }
      if (offset + limit > dated) {
        const from = Math.max(offset, dated);
        const result = await client.call('photos.search', { query: shown, limit: offset + limit - from, offset: from });
        if (!result.ok) return null;
        parts.push(...result.value.results);
      }
      return parts;
    },
    [client, shown, oldestFirst, dated],
  );

  const chooseOrder = (next: Order) => {
    setOrder(next);
    try {
      window.localStorage.setItem(ORDER_KEY, next);
    } catch {
      // A browser that keeps nothing: the choice lasts until the page closes.
    }
  };

  const open = (photo: PhotoSummaryView, index: number) => navigate({ screen: 'photo', id: photo.id, query: shown, index: listIndex(index) });

  const apply = async (action: TagAction | 'rename', name: string) => {
    const ids = [...selected];
    setPrompt(null);
    if (action === 'rename') {
      if (renameFrom === null) {
        setRenameFrom(name);
        setPrompt({ action: 'rename' });
        return;
      }
      await corrections.rename(ids, renameFrom, name);
      setRenameFrom(null);
      return;
    }
    await corrections.tag(action, ids, name);
  };

  const hasSelection = selected.size > 0;
  useShortcuts(
    {
      '/': () => box.current?.focus(),
      t: () => hasSelection && setPrompt({ action: 'add' }),
      a: () => hasSelection && setPrompt({ action: 'accept' }),
      r: () => hasSelection && setPrompt({ action: 'reject' }),
      n: () => hasSelection && setPrompt({ action: 'rename' }),
      escape: () => setSelected(new Set()),
    },
    prompt === null && !addingToAlbum,
  );

  const page = display?.page;
  const libraryEmpty = status.value !== undefined && status.value.folders.length === 0;
  const total = page?.total ?? 0;
  // The grid keeps the last good results on screen while the query is being fixed.
  const showGrid = page !== undefined && total > 0;

  return (
    <div className={`photos-screen ${mode}`}>
      <div className="toolbar">
        <SearchBox ref={box} value={text} onChange={onType} error={syntaxError} errorQuery={settled} errorLevel={errorLevel} />
        {mode === 'search' && (
          <button type="button" className="button facets-toggle" aria-expanded={facetsOpen} aria-controls="facets-drawer" onClick={() => setFacetsOpen((o) => !o)}>
            Refine
          </button>
        )}
        <div className="result-count" aria-live="polite">
          {page && (mode === 'search' && shown.trim() ? `${count(total, 'photo')} ${total === 1 ? 'matches' : 'match'}` : `${count(total, 'photo')} · ${oldestFirst ? 'oldest' : 'newest'} first`)}
        </div>
        {byDate && (
          <button type="button" className="button ghost order-toggle" aria-pressed={oldestFirst} onClick={() => chooseOrder(oldestFirst ? 'newest' : 'oldest')}>
            Oldest first
          </button>
        )}
      </div>
      {mode === 'gallery' && <OnThisDay onOpen={(photo, dayQuery, index) => navigate({ screen: 'photo', id: photo.id, query: dayQuery, index })} />}
      <div className="photos-body">
        {/* Behind the open drawer in a narrow window: a click beside it closes it. */}
        {mode === 'search' && facetsOpen && <div className="facets-scrim" aria-hidden="true" onClick={() => setFacetsOpen(false)} />}
        {mode === 'search' && (
          <FacetPanel id="facets-drawer" open={facetsOpen} onClose={() => setFacetsOpen(false)} facets={facets.value} query={text} onToggle={(term) => onType(toggleTerm(text, term))} />
        )}
        <div className="grid-area">
          {first.error && first.error.kind !== 'query-syntax' && <ErrorNotice error={first.error} onRetry={first.reload} />}
          {!page && !first.error && <Loading label="Loading photos…" />}
          {libraryEmpty && (
            <EmptyState
              title="Your library is empty"
              action={
                <button type="button" className="button primary" onClick={() => navigate({ screen: 'library' })}>
                  Add a folder of photos
                </button>
              }
            >
              Add a folder and Phototag indexes it in the background: tags, captions and search appear as it goes.
            </EmptyState>
          )}
          {page && total === 0 && !libraryEmpty && shown.trim() !== '' && (
            <EmptyState title="No photos match">
              Nothing matches <code>{shown}</code>. Try fewer words, another spelling, or a tag from the list.
            </EmptyState>
          )}
          {page && total === 0 && !libraryEmpty && shown.trim() === '' && (
            <EmptyState title="No photos yet">Phototag is still looking through your folders. Photos appear here as they are indexed.</EmptyState>
          )}
          {showGrid && (
            <ThumbGrid
              label={mode === 'search' ? 'Search results' : 'All photos'}
              total={total}
              source={oldestFirst ? `${shown}\u0000oldest first` : shown}
              initialPhotos={oldestFirst ? undefined : page?.results}
              groups={groups}
              version={version}
              loadPage={loadPage}
              selected={selected}
              onSelectionChange={setSelected}
              onOpen={open}
              onMark={(ids, change) => void marks.mark(ids, change)}
            />
          )}
        </div>
      </div>
      {hasSelection && (
        <div className="selection-bar" role="toolbar" aria-label="Selected photos">
          <span>{count(selected.size, 'photo')} selected</span>
          <button type="button" className="button" onClick={() => setPrompt({ action: 'add' })}>
            Add tag <kbd>t</kbd>
          </button>
          <button type="button" className="button" onClick={() => setPrompt({ action: 'accept' })}>
            Confirm tag <kbd>a</kbd>
          </button>
          <button type="button" className="button" onClick={() => setPrompt({ action: 'reject' })}>
            Reject tag <kbd>r</kbd>
          </button>
          <button type="button" className="button" onClick={() => setPrompt({ action: 'rename' })}>
            Rename tag <kbd>n</kbd>
          </button>
          <button type="button" className="button" onClick={() => void marks.mark([...selected], { favorite: true })}>
            Favourite <kbd>.</kbd>
          </button>
          <button type="button" className="button" onClick={() => setAddingToAlbum(true)}>
            Add to album
          </button>
          {shownAlbum && (
            <button
              type="button"
              className="button"
              onClick={() => void shownAlbum.remove([...selected]).then((done) => done && setSelected(new Set()))}
            >
              Remove from “{shownAlbum.name}”
            </button>
          )}
          <button type="button" className="button ghost" onClick={() => setSelected(new Set())}>
            Clear <kbd>Esc</kbd>
          </button>
        </div>
      )}
      {addingToAlbum && <AddToAlbumDialog photoIds={[...selected]} onDone={() => setAddingToAlbum(false)} />}
      {prompt && (
        <TagPrompt
          title={
            prompt.action === 'rename' && renameFrom !== null
              ? `Rename “${renameFrom}” on ${count(selected.size, 'photo')} to`
              : `${promptTitle[prompt.action]} ${count(selected.size, 'photo')}${prompt.action === 'rename' ? ': which tag?' : ''}`
          }
          submitLabel={prompt.action === 'rename' ? (renameFrom === null ? 'Next' : 'Rename') : 'Apply'}
          onSubmit={(name) => void apply(prompt.action, name)}
          onCancel={() => {
            setPrompt(null);
            setRenameFrom(null);
          }}
        />
      )}
    </div>
  );
}
