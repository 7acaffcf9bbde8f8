import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { PhotoSummaryView } from '../../../electron/contract/views.js';
import { useClient } from '../api/ClientContext.js';
import { count } from '../format.js';
import { gridPlace, rememberGridPlace } from '../gridPlace.js';
import { buildGridLayout, headerLabel, type DayGroup, type GridMetrics } from '../timelineLayout.js';
import { DateScrubber } from './DateScrubber.js';
import { MarkControls } from '../albums/MarkControls.js';
import { markForKey, type MarkChange } from '../albums/useMarks.js';

export interface ThumbGridProps {
  /** How many photos the list holds; only the visible ones are fetched and put in the DOM. */
  total: number;
  /** Names the list (the query); a new one starts from an empty cache at the top. */
  source: string;
  /** Bumped when the photos may have changed (tags corrected, new photos indexed): loaded pages are fetched again. */
  version: number;
  loadPage(offset: number, limit: number): Promise<PhotoSummaryView[] | null>;
  /** The list's first photos when the caller has them already (its first page of 120), so they show at once. */
  initialPhotos?: PhotoSummaryView[] | undefined;
  selected: ReadonlySet<number>;
  onSelectionChange(selected: Set<number>): void;
  onOpen(photo: PhotoSummaryView, index: number): void;
  label: string;
  /**
   * The photos' days in list order (undated last), as the timeline shows them: each day under a header, each month
   * under its own, and a scrubber to jump through the months. Null or absent: a flat grid.
   */
  groups?: readonly DayGroup[] | null | undefined;
  /** Favourite and rating: `.` and 0–5 on the selection (else the focused photo), and the heart and stars of a tile. */
  onMark?(photoIds: number[], change: MarkChange): void;
}

const PAGE = 120;
const MIN_TILE = 168;
const GAP = 6;
/** What the grid assumes before (or without) layout, e.g. in a hidden tab: a common laptop viewport. */
const FALLBACK_WIDTH = 1200;
const FALLBACK_HEIGHT = 800;
const MONTH_HEADER = 52;
const DAY_HEADER = 34;

function metricsFor(width: number): GridMetrics & { tile: number } {
  const usable = width - GAP;
  const columns = Math.max(1, Math.floor((usable + GAP) / (MIN_TILE + GAP)));
  const tile = Math.floor((usable - GAP * (columns - 1)) / columns);
  return { columns, tile, rowHeight: tile + GAP, monthHeight: MONTH_HEADER, dayHeight: DAY_HEADER };
}

/**
 * The photo grid, virtualised by rows: the DOM holds the rows on screen plus a few either side, whatever the
 * library's size, and pages of photos are fetched as they come into view.
 */
export function ThumbGrid({ total, source, version, loadPage, initialPhotos, selected, onSelectionChange, onOpen, label, groups, onMark }: ThumbGridProps) {
  const client = useClient();
  const scroller = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const pages = useRef(new Map<number, PhotoSummaryView[]>());
  const inFlight = useRef(new Map<number, number>());
  const [, setLoaded] = useState(0);
  // Back from a photo: the place this list was left at (scroll offset, the photo in focus).
  const [returnedTo] = useState(() => gridPlace(source));
  const [focusIndex, setFocusIndex] = useState(() => Math.min(returnedTo?.focusIndex ?? 0, Math.max(0, total - 1)));
  const anchor = useRef<number | null>(null);
  // The heart and stars are put on a tile only when it is marked, in focus or under the pointer: a screenful of
  // tiles with seven buttons each would weigh on every render.
  const [hovered, setHovered] = useState<number | null>(null);
  const generation = useRef(0);
  const shownSource = useRef(source);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => setWidth(element.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const metrics = metricsFor(width || FALLBACK_WIDTH);
  const { columns, tile } = metrics;
  const layout = useMemo(() => buildGridLayout(total, groups ?? null, metrics), [total, groups, metrics.columns, metrics.rowHeight]);
  const rows = layout.rows.length;

  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scroller.current,
    estimateSize: (row) => layout.size(row),
    overscan: 3,
    initialRect: { width: FALLBACK_WIDTH, height: FALLBACK_HEIGHT },
    initialOffset: returnedTo?.scrollTop ?? 0,
    // A scroller with no size yet (not laid out, or hidden) would show nothing at all; show a screenful instead.
    observeElementRect: (instance, notify) =>
      observeElementRect(instance, (rect) => notify(rect.height > 0 ? rect : { width: rect.width || FALLBACK_WIDTH, height: FALLBACK_HEIGHT })),
  });
  useEffect(() => virtualizer.measure(), [virtualizer, layout]);

  // Coming back to a list: the same scroll offset, the photo that was opened in focus.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!returnedTo || !element) return;
    // The photo in focus in view: the user may have stepped through many photos since leaving the list.
    // Laid out with the scroller's real width (the state `width` is not measured yet on this first pass).
    const laidOut = buildGridLayout(total, groups ?? null, metricsFor(element.clientWidth || FALLBACK_WIDTH));
    const size = metricsFor(element.clientWidth || FALLBACK_WIDTH).tile;
    const top = laidOut.starts[laidOut.rowOf(focusIndex)] ?? 0;
    const height = element.clientHeight || FALLBACK_HEIGHT;
    const inView = top >= returnedTo.scrollTop && top + size <= returnedTo.scrollTop + height;
    element.scrollTop = inView ? returnedTo.scrollTop : Math.max(0, top - (height - size) / 2);
    element.focus({ preventScroll: true });
    // Once, on coming back.
  }, [returnedTo]);

  // A new list: forget the pages of the old one and go back to the top.
  useEffect(() => {
    const isNew = shownSource.current !== source;
    shownSource.current = source;
    generation.current++;
    pages.current.clear();
    inFlight.current.clear();
    if (initialPhotos && initialPhotos.length === Math.min(PAGE, total)) pages.current.set(0, initialPhotos);
    anchor.current = null;
    if (isNew) {
      setFocusIndex(0);
      scroller.current?.scrollTo({ top: 0 });
    }
    setLoaded((n) => n + 1);
    // Only a new list runs this; the first photos it was given belong to that list.
  }, [source]);

  const fetchPage = useCallback(
    (page: number) => {
      const gen = generation.current;
      const token = (inFlight.current.get(page) ?? 0) + 1;
      inFlight.current.set(page, token);
      void loadPage(page * PAGE, PAGE).then((photos) => {
        if (gen !== generation.current || inFlight.current.get(page) !== token) return;
        inFlight.current.delete(page);
        if (photos) pages.current.set(page, photos);
        setLoaded((n) => n + 1);
      });
    },
    [loadPage],
  );

  const items = virtualizer.getVirtualItems();
  let firstIndex = total;
  let lastIndex = 0;
  for (const item of items) {
    const row = layout.rows[item.index];
    if (row?.kind !== 'photos') continue;
    firstIndex = Math.min(firstIndex, row.first);
    lastIndex = Math.max(lastIndex, row.first + row.count - 1);
  }
  if (firstIndex > lastIndex) firstIndex = lastIndex;
  const firstPage = Math.floor(firstIndex / PAGE);
  const lastPage = Math.floor(Math.max(0, lastIndex) / PAGE);

  useEffect(() => {
    if (total === 0) return;
    for (let page = firstPage; page <= lastPage; page++) {
      if (!pages.current.has(page) && !inFlight.current.has(page)) fetchPage(page);
    }
  }, [firstPage, lastPage, total, source, fetchPage]);

  // Changed photos: refetch what is on screen now; pages further away are dropped and fetched when seen again.
  useEffect(() => {
    if (version === 0) return;
    for (const page of [...pages.current.keys()]) {
      if (page < firstPage || page > lastPage) pages.current.delete(page);
    }
    for (let page = firstPage; page <= lastPage; page++) fetchPage(page);
    // Only a new version runs this (scrolling fetches through the effect above), hence the short dependency list.
  }, [version]);

  const photoAt = (index: number): PhotoSummaryView | undefined => pages.current.get(Math.floor(index / PAGE))?.[index % PAGE];

  const select = (index: number, event: { shiftKey: boolean; metaKey: boolean; ctrlKey: boolean }) => {
    const photo = photoAt(index);
    if (!photo) return;
    setFocusIndex(index);
    if (event.shiftKey && anchor.current !== null) {
      const next = new Set(event.metaKey || event.ctrlKey ? selected : []);
      const [from, to] = anchor.current < index ? [anchor.current, index] : [index, anchor.current];
      for (let i = from; i <= to; i++) {
        const p = photoAt(i);
        if (p) next.add(p.id);
      }
      onSelectionChange(next);
      return;
    }
    anchor.current = index;
    if (event.metaKey || event.ctrlKey) {
      const next = new Set(selected);
      if (next.has(photo.id)) next.delete(photo.id);
      else next.add(photo.id);
      onSelectionChange(next);
    } else {
      onSelectionChange(new Set([photo.id]));
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Across and down by photo rows, header rows stepped over: Down keeps the column where the row below has one.
    const moves: Record<string, () => number> = {
      ArrowRight: () => focusIndex + 1,
      ArrowLeft: () => focusIndex - 1,
      ArrowDown: () => layout.verticalStep(focusIndex, 1),
      ArrowUp: () => layout.verticalStep(focusIndex, -1),
      PageDown: () => layout.verticalStep(focusIndex, 4),
      PageUp: () => layout.verticalStep(focusIndex, -4),
    };
    const move = moves[event.key];
    if (move !== undefined) {
      const next = Math.min(total - 1, Math.max(0, move()));
      setFocusIndex(next);
      virtualizer.scrollToIndex(layout.rowOf(next));
      if (event.shiftKey) select(next, event);
      event.preventDefault();
    } else if (event.key === 'Enter') {
      const photo = photoAt(focusIndex);
      if (photo) openAt(photo, focusIndex);
      event.preventDefault();
    } else if (event.key === ' ') {
      select(focusIndex, { shiftKey: false, metaKey: true, ctrlKey: true });
      event.preventDefault();
    } else if (onMark && !event.ctrlKey && !event.metaKey && !event.altKey) {
      // The selection when there is one, else the photo in focus.
      const focusedPhoto = photoAt(focusIndex);
      const ids = selected.size > 0 ? [...selected] : focusedPhoto ? [focusedPhoto.id] : [];
      const known = [...pages.current.values()].flat().filter((p) => ids.includes(p.id));
      const change = markForKey(event.key, known);
      if (change && ids.length > 0) {
        onMark(ids, change);
        event.preventDefault();
      }
    }
  };

  const openAt = (photo: PhotoSummaryView, index: number) => {
    setFocusIndex(index);
    rememberGridPlace(source, { scrollTop: scroller.current?.scrollTop ?? 0, focusIndex: index });
    onOpen(photo, index);
  };

  // One click opens, as in every photo app. Ctrl/Cmd- and Shift-click select, and so does a plain click once
  // something is selected (selection mode), as the check mark on each tile does.
  const onTileClick = (photo: PhotoSummaryView, index: number) => (event: MouseEvent) => {
    if (event.shiftKey || event.metaKey || event.ctrlKey) select(index, event);
    else if (selected.size > 0) select(index, { shiftKey: false, metaKey: true, ctrlKey: true });
    else openAt(photo, index);
  };

  // The month at the top of the view, for the scrubber (a header row's month, or the photos' under it).
  const topRow = layout.rows[layout.rowAt(virtualizer.scrollOffset ?? 0)];
  const currentMonth = topRow ? topRow.month : null;

  const grid = (
    <div
      ref={scroller}
      className="thumb-grid"
      role="grid"
      aria-label={label}
      aria-rowcount={rows}
      aria-colcount={columns}
      aria-multiselectable="true"
      data-selecting={selected.size > 0 ? "" : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onScroll={(event) => rememberGridPlace(source, { scrollTop: event.currentTarget.scrollTop })}
    >
      <div className="thumb-grid-inner" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((row) => {
          const content = layout.rows[row.index];
          if (!content) return null;
          if (content.kind !== 'photos') {
            return (
              <div key={row.key} role="row" aria-rowindex={row.index + 1} className={`thumb-header ${content.kind}`} style={{ transform: `translateY(${row.start}px)`, height: row.size }}>
                <div role="rowheader" aria-colspan={columns}>
                  {content.kind === 'month' ? <h2>{headerLabel(content)}</h2> : <h3>{headerLabel(content)}</h3>}
                  <span className="thumb-header-count">{count(content.count, 'photo')}</span>
                </div>
              </div>
            );
          }
          return (
            <div
              key={row.key}
              role="row"
              aria-rowindex={row.index + 1}
              className="thumb-row"
              style={{ transform: `translateY(${row.start}px)`, height: tile, gridTemplateColumns: `repeat(${columns}, ${tile}px)`, gap: GAP }}
            >
              {Array.from({ length: content.count }, (_, column) => {
                const index = content.first + column;
                const photo = photoAt(index);
                if (!photo) return <div key={column} role="gridcell" className="tile placeholder" aria-busy="true" />;
                const isSelected = selected.has(photo.id);
                return (
                  <div
                    key={photo.id}
                    role="gridcell"
                    aria-selected={isSelected}
                    aria-label={`${photo.path.split(/[\\/]/).pop() ?? ''}${photo.placeEstimated ? ', place estimated' : ''}`}
                    data-photo-id={photo.id}
                    className={`tile${isSelected ? ' selected' : ''}${index === focusIndex ? ' focused' : ''}`}
                    onClick={onTileClick(photo, index)}
                    onMouseEnter={onMark ? () => setHovered(index) : undefined}
                    onMouseLeave={onMark ? () => setHovered((h) => (h === index ? null : h)) : undefined}
                  >
                    {photo.state === 'failed' && <span className="tile-note">Could not read this file</span>}
                    {/* A queued photo has no thumbnail yet; once indexed, the refetched page brings a fresh <img>. */}
                    {photo.state === 'indexed' && (
                      <img src={client.thumbnailUrl(photo, 256)} alt="" loading="lazy" decoding="async" draggable={false} onError={(event) => event.currentTarget.classList.add('missing')} />
                    )}
                    {photo.state === 'queued' && <span className="tile-badge">indexing…</span>}
                    {/* No GPS: its place (and its dot on the map) is estimated from the camera's located photos. */}
                    {photo.placeEstimated && (
                      <span className="tile-estimate" title="No GPS: place estimated from the same camera's located photos within an hour" aria-hidden="true">
                        estimated place
                      </span>
                    )}
                    {onMark && (photo.favorite || photo.rating > 0 || index === focusIndex || index === hovered) && (
                      <div className="tile-marks" data-marked={photo.favorite || photo.rating > 0 ? '' : undefined}>
                        <MarkControls compact favorite={photo.favorite} rating={photo.rating} photoName={photo.path.split(/[\\/]/).pop()} onChange={(change) => onMark([photo.id], change)} />
                      </div>
                    )}
                    <button
                      type="button"
                      className="tile-check"
                      tabIndex={-1}
                      aria-label={`Select ${photo.path.split(/[\\/]/).pop()}`}
                      aria-pressed={isSelected}
                      onClick={(event) => {
                        event.stopPropagation();
                        select(index, event.shiftKey ? event : { shiftKey: false, metaKey: true, ctrlKey: true });
                      }}
                    >
                      <svg viewBox="0 0 20 20" aria-hidden="true">
                        <path d="M5 10.5l3.2 3.2L15 7" />
                      </svg>
                    </button>
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );

  // One tree whether or not there is a scrubber, so the scroller (and its place) survives the timeline arriving.
  return (
    <div className="thumb-grid-frame">
      {grid}
      <DateScrubber
        months={layout.months}
        current={currentMonth}
        onJump={(month) => virtualizer.scrollToOffset(layout.starts[month.row] ?? 0, { align: 'start' })}
      />
    </div>
  );
}
