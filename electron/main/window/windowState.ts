import fs from 'node:fs';
import path from 'node:path';

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The main window's size and place, as remembered between runs (`<data dir>/window-state.json`). */
export interface WindowState {
  /** The normal (not maximised) bounds, so un-maximising after a restart goes back to where the user had it. */
  bounds: Rectangle;
  maximized: boolean;
}

export const minimumWindowSize = { width: 720, height: 480 } as const;
const preferredSize = { width: 1280, height: 832 } as const;
/** How much of the window must be on a display to count as reachable: enough of the title bar to grab it. */
const minimumVisible = { width: 160, height: 48 } as const;

/** A first run's window: a comfortable size, centred on the primary display, never larger than it. */
export function defaultWindowState(primary: Rectangle): WindowState {
  return { bounds: centredOn(primary, preferredSize), maximized: false };
}

/** A state read back from disk, or null when it is not one (hand-edited, truncated, from a future version). */
export function parseWindowState(value: unknown): WindowState | null {
  if (typeof value !== 'object' || value === null) return null;
  const { bounds, maximized } = value as { bounds?: unknown; maximized?: unknown };
  if (typeof maximized !== 'boolean' || typeof bounds !== 'object' || bounds === null) return null;
  const { x, y, width, height } = bounds as Record<string, unknown>;
  const numbers = [x, y, width, height];
  if (!numbers.every((n): n is number => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) < 1e6)) return null;
  const [bx, by, bw, bh] = numbers.map(Math.round) as [number, number, number, number];
  if (bw <= 0 || bh <= 0) return null;
  return { bounds: { x: bx, y: by, width: bw, height: bh }, maximized };
}

/**
 * Puts a remembered window where the user can see it with the displays there are now: on the display it overlaps
 * most, shrunk to fit and moved fully inside it. A window left on a monitor that has since been unplugged (too
 * little of it on any display to grab) moves to the primary display, keeping its size where that fits.
 */
export function placeOnDisplays(state: WindowState, workAreas: readonly Rectangle[], primary: Rectangle): WindowState {
  let best: Rectangle | null = null;
  let bestOverlap: Rectangle | null = null;
  for (const area of workAreas) {
    const overlap = intersection(state.bounds, area);
    if (overlap && (!bestOverlap || overlap.width * overlap.height > bestOverlap.width * bestOverlap.height)) {
      best = area;
      bestOverlap = overlap;
    }
  }
  const reachable = bestOverlap !== null && bestOverlap.width >= minimumVisible.width && bestOverlap.height >= minimumVisible.height;
  if (!best || !reachable) return { bounds: centredOn(primary, state.bounds), maximized: state.maximized };
  return { bounds: fitInside(state.bounds, best), maximized: state.maximized };
}

/** Reads the remembered state and places it on the current displays; a first run or an unreadable file gives the default. */
export function readWindowState(file: string, workAreas: readonly Rectangle[], primary: Rectangle): WindowState {
  let stored: WindowState | null = null;
  try {
    stored = parseWindowState(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch {
    // Missing or corrupt: a lost window position is not worth bothering anyone about.
  }
  return stored ? placeOnDisplays(stored, workAreas, primary) : defaultWindowState(primary);
}

/**
 * Remembers the state. Written to a temporary file and renamed over the old one, so a crash mid-write leaves
 * the previous state rather than half a file.
 */
export function writeWindowState(file: string, state: WindowState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify({ bounds: state.bounds, maximized: state.maximized }) + '\n');
  fs.renameSync(temporary, file);
}

/** A window of the given size (shrunk to fit if need be) in the middle of `area`. */
function centredOn(area: Rectangle, size: { width: number; height: number }): Rectangle {
  const width = Math.min(size.width, area.width);
  const height = Math.min(size.height, area.height);
  return { x: area.x + Math.round((area.width - width) / 2), y: area.y + Math.round((area.height - height) / 2), width, height };
}

function intersection(a: Rectangle, b: Rectangle): Rectangle | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}

function fitInside(bounds: Rectangle, area: Rectangle): Rectangle {
  const width = Math.min(Math.max(bounds.width, Math.min(minimumWindowSize.width, area.width)), area.width);
  const height = Math.min(Math.max(bounds.height, Math.min(minimumWindowSize.height, area.height)), area.height);
  const x = Math.min(Math.max(bounds.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(bounds.y, area.y), area.y + area.height - height);
  return { x, y, width, height };
}
