import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  defaultWindowState,
  parseWindowState,
  placeOnDisplays,
  readWindowState,
  writeWindowState,
  type Rectangle,
} from '../../../electron/main/window/windowState.js';

const laptop: Rectangle = { x: 0, y: 0, width: 1440, height: 875 };
/** A second monitor to the left of the laptop, so its coordinates are negative. */
const leftMonitor: Rectangle = { x: -1920, y: -200, width: 1920, height: 1050 };

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
const tempDir = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phototag-window-'));
  dirs.push(dir);
  return dir;
};

describe('window state', () => {
  it('starts centred on the primary display, never larger than it', () => {
    expect(defaultWindowState(laptop)).toEqual({ bounds: { x: 80, y: 22, width: 1280, height: 832 }, maximized: false });
    expect(defaultWindowState({ x: 0, y: 0, width: 1024, height: 600 }).bounds).toEqual({ x: 0, y: 0, width: 1024, height: 600 });
  });

  it('keeps a window that is fully on a display exactly where it was, including on a monitor at negative coordinates', () => {
    const state = { bounds: { x: -1800, y: -150, width: 1200, height: 800 }, maximized: true };
    expect(placeOnDisplays(state, [laptop, leftMonitor], laptop)).toEqual(state);
  });

  it('pulls a window hanging off the edge back inside the display it is mostly on', () => {
    const state = { bounds: { x: 1000, y: 600, width: 1000, height: 700 }, maximized: false };
    expect(placeOnDisplays(state, [laptop], laptop).bounds).toEqual({ x: 440, y: 175, width: 1000, height: 700 });
  });

  it('shrinks a window bigger than its display (remembered from a larger monitor)', () => {
    const state = { bounds: { x: -100, y: -50, width: 2560, height: 1400 }, maximized: false };
    expect(placeOnDisplays(state, [laptop], laptop).bounds).toEqual({ x: 0, y: 0, width: 1440, height: 875 });
  });

  it('moves a window from an unplugged monitor to the primary display, keeping its size and maximised flag', () => {
    const state = { bounds: { x: -1800, y: 100, width: 1200, height: 800 }, maximized: true };
    expect(placeOnDisplays(state, [laptop], laptop)).toEqual({ bounds: { x: 120, y: 38, width: 1200, height: 800 }, maximized: true });
  });

  it('moves a window with only a sliver on screen (too little to grab) to the primary display', () => {
    const state = { bounds: { x: 1400, y: 300, width: 900, height: 600 }, maximized: false };
    expect(placeOnDisplays(state, [laptop], laptop).bounds).toEqual({ x: 270, y: 138, width: 900, height: 600 });
  });

  it('rejects a stored state that is not one', () => {
    const good = { bounds: { x: 10.4, y: 20.6, width: 800, height: 600 }, maximized: false };
    expect(parseWindowState(good)).toEqual({ bounds: { x: 10, y: 21, width: 800, height: 600 }, maximized: false });
    expect(parseWindowState({ ...good, maximized: 'yes' })).toBeNull();
    expect(parseWindowState({ ...good, bounds: { ...good.bounds, width: 0 } })).toBeNull();
    expect(parseWindowState({ ...good, bounds: { ...good.bounds, x: Number.NaN } })).toBeNull();
    expect(parseWindowState({ ...good, bounds: { ...good.bounds, y: 1e9 } })).toBeNull();
    expect(parseWindowState({ ...good, bounds: { x: 1, y: 2, width: 3 } })).toBeNull();
    expect(parseWindowState([1, 2, 3])).toBeNull();
    expect(parseWindowState(null)).toBeNull();
  });

  it('remembers a state across runs and falls back to the default for a missing or corrupt file', () => {
    const file = path.join(tempDir(), 'nested', 'window-state.json');
    expect(readWindowState(file, [laptop], laptop)).toEqual(defaultWindowState(laptop));

    const state = { bounds: { x: 50, y: 40, width: 1000, height: 700 }, maximized: true };
    writeWindowState(file, state);
    expect(readWindowState(file, [laptop], laptop)).toEqual(state);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['window-state.json']);

    fs.writeFileSync(file, '{"bounds": {"x": 5');
    expect(readWindowState(file, [laptop], laptop)).toEqual(defaultWindowState(laptop));
  });
});
