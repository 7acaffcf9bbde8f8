import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent, type WheelEvent } from 'react';
import type { Route } from '../hooks/useHashRoute.js';
import { useApi } from '../hooks/useApi.js';
import { count } from '../format.js';
import { ErrorNotice, Loading } from '../components/States.js';
import { boxBetween, clusterPoints, panBy, project, unproject, withinTerm, worldView, zoomAt, type Cluster, type MapView } from './mapView.js';

export interface MapScreenProps {
  query: string;
  navigate(route: Route, options?: { replace?: boolean }): void;
}

const PAN_STEP = 80;
const ZOOM_STEP = 1.6;

/**
 * Where the photos were taken: country outlines from the shipped borders and the located photos as dots that
 * cluster by a screen grid (so they split as you zoom). Drag to pan, wheel or +/- to zoom, arrows to pan;
 * Shift-drag a box, or "Photos in view", opens those photos in the gallery as a within: search. No network.
 */
export function MapScreen({ query, navigate }: MapScreenProps) {
  const countries = useApi('map.countries', {}, []);
  const located = useApi('photos.locations', { query }, ['photos']);
  // Estimated places (photos without GPS, placed where their camera's located photo was): off by default, asked
  // for apart, so the located photos' path (100,000 dots) is the same with the toggle off.
  const [showEstimates, setShowEstimates] = useState(false);
  const estimated = useApi('photos.estimatedLocations', showEstimates ? { query } : null, ['photos']);
  const frame = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [view, setView] = useState<MapView | null>(null);
  const drag = useRef<{ x: number; y: number; select: boolean; moved: boolean } | null>(null);
  const [selection, setSelection] = useState<{ x1: number; y1: number; x2: number; y2: number } | null>(null);
  const [figures, setFigures] = useState<{ clusters: number; drawMs: number }>({ clusters: 0, drawMs: 0 });
  const points = located.value?.points;
  const photoCount = points ? points.length / 3 : 0;
  const estimatedPoints = showEstimates ? estimated.value?.points : undefined;
  const estimatedCount = estimatedPoints ? estimatedPoints.length / 3 : 0;

  useLayoutEffect(() => {
    const element = frame.current;
    if (!element) return;
    const measure = () => {
      const { width, height } = element.getBoundingClientRect();
      if (width === 0 || height === 0) return;
      setView((current) => (current ? { ...current, width, height } : worldView(width, height)));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const clustered = useMemo(() => {
    const started = performance.now();
    const found = view && points ? clusterPoints(view, points) : [];
    return { clusters: found, ms: performance.now() - started };
  }, [view, points]);
  const clusters = clustered.clusters;
  // Grouped apart from the located photos, so a group is all GPS or all estimated and never mixes the two.
  const estimatedClusters = useMemo(() => (view && estimatedPoints ? clusterPoints(view, estimatedPoints) : []), [view, estimatedPoints]);
  const largest = clusters.reduce<Cluster | null>((best, c) => (best === null || c.count > best.count ? c : best), null);

  useEffect(() => {
    const element = canvas.current;
    if (!element || !view) return;
    const started = performance.now();
    const ratio = window.devicePixelRatio || 1;
    element.width = Math.round(view.width * ratio);
    element.height = Math.round(view.height * ratio);
    const context = element.getContext('2d');
    if (!context) return;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    const style = getComputedStyle(element);
    const color = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
    context.fillStyle = color('--map-sea', '#0b1a2a');
    context.fillRect(0, 0, view.width, view.height);
    context.fillStyle = color('--map-land', '#1f2a36');
    context.strokeStyle = color('--map-border', '#3a4758');
    context.lineWidth = 0.8;
    for (const shape of countries.value?.shapes ?? []) {
      context.beginPath();
      for (const ring of shape.rings) {
        for (let i = 0; i + 1 < ring.length; i += 2) {
          const [x, y] = project(view, ring[i] as number, ring[i + 1] as number);
          if (i === 0) context.moveTo(x, y);
          else context.lineTo(x, y);
        }
        context.closePath();
      }
      context.fill('evenodd');
      context.stroke();
    }
    const dot = color('--accent', '#7ea6ff');
    const label = color('--on-accent', '#0e1014');
    context.font = '600 11px system-ui, sans-serif';
    context.textAlign = 'center';
    context.textBaseline = 'middle';
    for (const cluster of clusters) {
      const radius = cluster.count === 1 ? 5 : Math.min(22, 8 + Math.log2(cluster.count) * 2);
      context.beginPath();
      context.arc(cluster.x, cluster.y, radius, 0, Math.PI * 2);
      context.fillStyle = dot;
      context.fill();
      if (cluster.count > 1) {
        context.fillStyle = label;
        context.fillText(cluster.count > 999 ? `${Math.round(cluster.count / 1000)}k` : String(cluster.count), cluster.x, cluster.y);
      }
    }
    if (estimatedClusters.length > 0) drawEstimated(context, estimatedClusters, color('--map-estimate', '#ffd27a'), color('--map-estimate-halo', '#0b1a2a'));
    // What one frame costs: grouping the photos and drawing the countries and dots.
    setFigures({ clusters: clusters.length, drawMs: clustered.ms + performance.now() - started });
  }, [view, clustered, countries.value, estimatedClusters]);

  if (countries.error) return <ErrorNotice error={countries.error} onRetry={countries.reload} />;
  if (located.error) return <ErrorNotice error={located.error} onRetry={located.reload} />;
  if (estimated.error) return <ErrorNotice error={estimated.error} onRetry={estimated.reload} />;

  const openBox = (box: { south: number; west: number; north: number; east: number }) => {
    // With estimated places shown, the area takes them too (within:…,estimated), marked so by the term.
    const term = withinTerm(box, { estimates: showEstimates });
    navigate({ screen: 'search', query: query.trim() ? `${query.trim()} ${term}` : term });
  };
  const localPoint = (event: { clientX: number; clientY: number }) => {
    const rect = frame.current?.getBoundingClientRect();
    return rect ? [event.clientX - rect.left, event.clientY - rect.top] : [0, 0];
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture?.(event.pointerId);
    const [x, y] = localPoint(event);
    drag.current = { x: x as number, y: y as number, select: event.shiftKey, moved: false };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const start = drag.current;
    if (!start || !view) return;
    const [x, y] = localPoint(event) as [number, number];
    if (Math.abs(x - start.x) + Math.abs(y - start.y) > 3) start.moved = true;
    if (start.select) {
      setSelection({ x1: start.x, y1: start.y, x2: x, y2: y });
    } else {
      setView(panBy(view, x - start.x, y - start.y));
      start.x = x;
      start.y = y;
    }
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    const start = drag.current;
    drag.current = null;
    if (!start || !view) return;
    const [x, y] = localPoint(event) as [number, number];
    if (start.select && selection && start.moved) {
      setSelection(null);
      openBox(boxBetween(view, selection.x1, selection.y1, x, y));
      return;
    }
    setSelection(null);
    if (!start.moved) {
      // A click on a cluster zooms in on it, so it splits.
      const hit = clusters.find((c) => Math.hypot(c.x - x, c.y - y) <= 22) ?? estimatedClusters.find((c) => Math.hypot(c.x - x, c.y - y) <= 22);
      if (hit) setView(zoomAt(view, hit.count > 1 ? 3 : 2, hit.x, hit.y));
    }
  };
  const onWheel = (event: WheelEvent<HTMLDivElement>) => {
    if (!view) return;
    const [x, y] = localPoint(event) as [number, number];
    setView(zoomAt(view, Math.exp(-event.deltaY * 0.0015), x, y));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!view) return;
    const actions: Record<string, () => MapView> = {
      ArrowLeft: () => panBy(view, PAN_STEP, 0),
      ArrowRight: () => panBy(view, -PAN_STEP, 0),
      ArrowUp: () => panBy(view, 0, PAN_STEP),
      ArrowDown: () => panBy(view, 0, -PAN_STEP),
      '+': () => zoomAt(view, ZOOM_STEP, view.width / 2, view.height / 2),
      '=': () => zoomAt(view, ZOOM_STEP, view.width / 2, view.height / 2),
      '-': () => zoomAt(view, 1 / ZOOM_STEP, view.width / 2, view.height / 2),
      '0': () => worldView(view.width, view.height),
    };
    const action = actions[event.key];
    if (!action) return;
    setView(action());
    event.preventDefault();
  };
  const zoomButton = (factor: number) => view && setView(zoomAt(view, factor, view.width / 2, view.height / 2));
  const inView = () => {
    if (!view) return;
    const [west, north] = unproject(view, 0, 0);
    const [east, south] = unproject(view, view.width, view.height);
    openBox({ south: Math.max(-90, south), west: Math.max(-180, west), north: Math.min(90, north), east: Math.min(180, east) });
  };

  return (
    <div className="map-screen">
      <div className="toolbar">
        <h1 className="map-title">Map</h1>
        <div className="result-count" aria-live="polite">
          {points ? `${count(photoCount, 'photo')} with a location${query.trim() ? ` matching ${query.trim()}` : ''}` : ''}
          {estimatedPoints ? `, ${count(estimatedCount, 'photo')} with an estimated place` : ''}
        </div>
        <div className="map-controls">
          <label className="map-toggle">
            <input type="checkbox" checked={showEstimates} onChange={(event) => setShowEstimates(event.currentTarget.checked)} />
            Show estimated places
          </label>
          <button type="button" className="button" onClick={() => zoomButton(ZOOM_STEP)} aria-label="Zoom in">
            +
          </button>
          <button type="button" className="button" onClick={() => zoomButton(1 / ZOOM_STEP)} aria-label="Zoom out">
            −
          </button>
          <button type="button" className="button primary" onClick={inView} disabled={!view}>
            Photos in view
          </button>
        </div>
      </div>
      <p className="map-hint">Drag to move, wheel or + and − to zoom, arrows to pan, Shift-drag to choose an area. Click a group to zoom in on it.</p>
      {showEstimates && (
        <ul className="map-legend" aria-label="Legend">
          <li>
            <span className="map-legend-mark located" aria-hidden="true" />
            Located: GPS in the photo
          </li>
          <li>
            <span className="map-legend-mark estimated" aria-hidden="true" />
            Estimated: no GPS, placed where the same camera was within an hour
          </li>
        </ul>
      )}
      <div
        ref={frame}
        className="map-frame"
        tabIndex={0}
        role="application"
        aria-label={`Map: ${count(photoCount, 'photo')} in ${count(figures.clusters, 'group')} in view${showEstimates ? `, and ${count(estimatedCount, 'estimated photo')} in ${count(estimatedClusters.length, 'dashed ring')}` : ''}`}
        data-clusters={figures.clusters}
        data-estimated-clusters={showEstimates ? estimatedClusters.length : undefined}
        data-largest={largest?.count ?? 0}
        data-largest-at={largest ? `${Math.round(largest.x)},${Math.round(largest.y)}` : undefined}
        data-draw-ms={figures.drawMs.toFixed(1)}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => {
          drag.current = null;
          setSelection(null);
        }}
        onWheel={onWheel}
        onKeyDown={onKeyDown}
      >
        <canvas ref={canvas} className="map-canvas" aria-hidden="true" style={view ? { width: view.width, height: view.height } : undefined} />
        {selection && (
          <div
            className="map-selection"
            style={{ left: Math.min(selection.x1, selection.x2), top: Math.min(selection.y1, selection.y2), width: Math.abs(selection.x2 - selection.x1), height: Math.abs(selection.y2 - selection.y1) }}
          />
        )}
        {(!countries.value || !points || (showEstimates && !estimated.value && !estimated.error)) && <Loading label="Loading the map…" />}
      </div>
    </div>
  );
}

/**
 * Estimated places as hollow, dashed rings (the located photos are filled dots), so they differ by shape and not
 * by colour alone; a dark halo keeps the ring visible on land and sea in both themes. The count sits beside it.
 */
function drawEstimated(context: CanvasRenderingContext2D, clusters: readonly Cluster[], ring: string, halo: string): void {
  context.save();
  context.textAlign = 'left';
  for (const cluster of clusters) {
    const radius = cluster.count === 1 ? 6 : Math.min(22, 8 + Math.log2(cluster.count) * 2);
    context.setLineDash([]);
    context.lineWidth = 4.5;
    context.strokeStyle = halo;
    context.beginPath();
    context.arc(cluster.x, cluster.y, radius, 0, Math.PI * 2);
    context.stroke();
    context.setLineDash([3, 2.5]);
    context.lineWidth = 2;
    context.strokeStyle = ring;
    context.stroke();
    if (cluster.count > 1) {
      const text = cluster.count > 999 ? `${Math.round(cluster.count / 1000)}k` : String(cluster.count);
      context.lineWidth = 3;
      context.setLineDash([]);
      context.strokeStyle = halo;
      context.strokeText(text, cluster.x + radius + 3, cluster.y);
      context.fillStyle = ring;
      context.fillText(text, cluster.x + radius + 3, cluster.y);
    }
  }
  context.restore();
}
