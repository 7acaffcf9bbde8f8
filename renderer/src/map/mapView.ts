/**
 * The map's projection and clustering, apart from any drawing so they can be tested. Equirectangular: x grows with
 * longitude, y with latitude southwards, `scale` pixels a degree; (lon, lat) is the point at the view's centre.
 */
export interface MapView {
  lon: number;
  lat: number;
  scale: number;
  width: number;
  height: number;
}

export const MIN_SCALE = 1;
export const MAX_SCALE = 40_000;

export function project(view: MapView, lon: number, lat: number): [number, number] {
  return [(lon - view.lon) * view.scale + view.width / 2, (view.lat - lat) * view.scale + view.height / 2];
}

export function unproject(view: MapView, x: number, y: number): [number, number] {
  return [view.lon + (x - view.width / 2) / view.scale, view.lat - (y - view.height / 2) / view.scale];
}

/** The whole world in view, as large as fits. */
export function worldView(width: number, height: number): MapView {
  return { lon: 0, lat: 20, scale: Math.max(MIN_SCALE, Math.min(width / 360, height / 160)), width, height };
}

/** Zoomed by `factor` keeping the point under (x, y) where it is. */
export function zoomAt(view: MapView, factor: number, x: number, y: number): MapView {
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, view.scale * factor));
  const [lon, lat] = unproject(view, x, y);
  const next = { ...view, scale };
  const [nx, ny] = project(next, lon, lat);
  return clampView({ ...next, lon: next.lon + (nx - x) / scale, lat: next.lat - (ny - y) / scale });
}

export function panBy(view: MapView, dx: number, dy: number): MapView {
  return clampView({ ...view, lon: view.lon - dx / view.scale, lat: view.lat + dy / view.scale });
}

function clampView(view: MapView): MapView {
  return { ...view, lon: Math.max(-180, Math.min(180, view.lon)), lat: Math.max(-85, Math.min(85, view.lat)) };
}

/** The box (south, west, north, east) between two screen points, for within:. */
export function boxBetween(view: MapView, x1: number, y1: number, x2: number, y2: number): { south: number; west: number; north: number; east: number } {
  const [lonA, latA] = unproject(view, Math.min(x1, x2), Math.min(y1, y2));
  const [lonB, latB] = unproject(view, Math.max(x1, x2), Math.max(y1, y2));
  const clampLat = (v: number) => Math.max(-90, Math.min(90, v));
  const clampLon = (v: number) => Math.max(-180, Math.min(180, v));
  return { south: clampLat(latB), west: clampLon(lonA), north: clampLat(latA), east: clampLon(lonB) };
}

/** `estimates`: the photos whose estimated place lies in the box as well (within:…,estimated). */
export function withinTerm(box: { south: number; west: number; north: number; east: number }, options: { estimates?: boolean } = {}): string {
  const f = (n: number) => String(Math.round(n * 1e4) / 1e4);
  return `within:${f(box.south)},${f(box.west)},${f(box.north)},${f(box.east)}${options.estimates ? ',estimated' : ''}`;
}

export interface Cluster {
  /** Screen position: the mean of its photos'. */
  x: number;
  y: number;
  count: number;
  /** One photo of the cluster, for a single dot. */
  id: number;
}

/**
 * Photos on screen grouped by a grid of `cell` pixels: one dot per occupied cell, at its photos' mean, sized by
 * their count. Zooming in spreads the photos over more cells, so a cluster splits. `points` is flat [id, lat, lon, …].
 */
export function clusterPoints(view: MapView, points: readonly number[], cell = 44): Cluster[] {
  const cells = new Map<number, { sx: number; sy: number; count: number; id: number }>();
  const columns = Math.ceil(view.width / cell) + 1;
  for (let i = 0; i + 2 < points.length; i += 3) {
    const lat = points[i + 1] as number;
    const lon = points[i + 2] as number;
    const x = (lon - view.lon) * view.scale + view.width / 2;
    const y = (view.lat - lat) * view.scale + view.height / 2;
    if (x < 0 || y < 0 || x >= view.width || y >= view.height) continue;
    const key = Math.floor(y / cell) * columns + Math.floor(x / cell);
    const entry = cells.get(key);
    if (entry) {
      entry.sx += x;
      entry.sy += y;
      entry.count++;
    } else {
      cells.set(key, { sx: x, sy: y, count: 1, id: points[i] as number });
    }
  }
  return [...cells.values()].map((c) => ({ x: c.sx / c.count, y: c.sy / c.count, count: c.count, id: c.id }));
}
