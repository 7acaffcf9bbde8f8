import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clampView, fitScale, fitView, panBy, toggleActualSize, zoomAt, zoomStep, type Size } from '../../../renderer/src/viewer/zoom.js';
import { openTestLibrary, renderApp, type TestLibrary } from './harness.js';

const photo: Size = { width: 4000, height: 3000 };
const frame: Size = { width: 800, height: 600 };

describe('the viewer’s zoom maths', () => {
  it('fits the photo, never blowing a small one up', () => {
    expect(fitScale(photo, frame)).toBe(0.2);
    expect(fitScale({ width: 400, height: 300 }, frame)).toBe(1);
    expect(fitScale({ width: 1000, height: 3000 }, frame)).toBe(0.2);
  });

  it('keeps the point under the cursor in place while zooming', () => {
    const at = { x: 200, y: -100 };
    const start = fitView(photo, frame);
    const zoomed = zoomAt(start, 2, at, photo, frame);
    expect(zoomed.scale).toBeCloseTo(0.4);
    // The photo pixel under `at`: (at - offset) / scale, the same before and after.
    const pixel = (v: typeof start) => ({ x: (at.x - v.x) / v.scale, y: (at.y - v.y) / v.scale });
    expect(pixel(zoomed).x).toBeCloseTo(pixel(start).x);
    expect(pixel(zoomed).y).toBeCloseTo(pixel(start).y);
  });

  it('stays between fitting and 8×, and never pans past an edge', () => {
    expect(zoomAt(fitView(photo, frame), 0.1, { x: 0, y: 0 }, photo, frame)).toEqual({ scale: 0.2, x: 0, y: 0 });
    expect(zoomAt(fitView(photo, frame), 1000, { x: 0, y: 0 }, photo, frame).scale).toBe(8);
    // At 100 % the photo is 4000 px wide in an 800 px frame: 1600 px of slack each side, 1200 up and down.
    expect(panBy({ scale: 1, x: 0, y: 0 }, -99_999, 99_999, photo, frame)).toEqual({ scale: 1, x: -1600, y: 1200 });
    expect(clampView({ scale: 0.2, x: 50, y: 50 }, photo, frame)).toEqual({ scale: 0.2, x: 0, y: 0 });
  });

  it('toggles between fitting and 100 % around the double-clicked point', () => {
    const actual = toggleActualSize(fitView(photo, frame), { x: 100, y: 50 }, photo, frame);
    expect(actual.scale).toBe(1);
    // The point 100 px right of centre at 20 % is photo pixel 500 right of centre; at 100 % it stays under the cursor.
    expect(actual).toEqual({ scale: 1, x: 100 - 500, y: 50 - 250 });
    expect(toggleActualSize(actual, { x: 0, y: 0 }, photo, frame)).toEqual(fitView(photo, frame));
    expect(zoomStep).toBeGreaterThan(1);
  });
});

describe('the photo view from the keyboard', () => {
  let library: TestLibrary;
  const saved = { width: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth'), height: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight') };
  beforeAll(async () => {
    library = await openTestLibrary(40);
    // jsdom lays nothing out: give the viewer's frame a size, as a window would.
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 800 });
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  });
  afterAll(async () => {
    if (saved.width) Object.defineProperty(HTMLElement.prototype, 'clientWidth', saved.width);
    if (saved.height) Object.defineProperty(HTMLElement.prototype, 'clientHeight', saved.height);
    await library.close();
  });
  afterEach(() => cleanup());

  const key = (k: string) => act(() => void fireEvent.keyDown(window, { key: k }));
  const zoomText = () => document.querySelector('.stage-zoom')?.textContent;
  const transform = () => (document.querySelector('.viewer-canvas') as HTMLElement).style.transform;

  it('zooms with + and -, pans with the arrows only while zoomed in, and fits again with z', async () => {
    const page = await library.call('photos.search', { query: '', limit: 3 });
    const [, second, third] = page.results;
    renderApp(library, `#/photo/${second?.id}?q=&i=1`);
    await screen.findByRole('button', { name: 'Next photo' });
    const fit = zoomText();
    expect(fit).toMatch(/^\d+ %$/);
    await key('+');
    await key('+');
    expect(Number.parseInt(zoomText() ?? '', 10)).toBeGreaterThan(Number.parseInt(fit ?? '', 10));
    const before = transform();
    // Zoomed in, the photo overflows the frame top to bottom (landscape or portrait): ↓ pans, → does not step.
    await key('ArrowDown');
    expect(transform()).not.toBe(before);
    expect(transform()).toMatch(/translate\(0px, -\d+px\)/);
    await key('ArrowRight');
    expect(window.location.hash).toBe(`#/photo/${second?.id}?q=&i=1`);
    await key('-');
    await key('z');
    expect(zoomText()).toBe(fit);
    await waitFor(() => expect((screen.getByRole('button', { name: 'Next photo' }) as HTMLButtonElement).disabled).toBe(false));
    await key('ArrowRight');
    await waitFor(() => expect(window.location.hash).toBe(`#/photo/${third?.id}?q=&i=2`));
  });

  it('zooms with the wheel around the pointer, and double-click toggles between fitting and 100 %', async () => {
    const [first] = (await library.call('photos.search', { query: '', limit: 1 })).results;
    renderApp(library, `#/photo/${first?.id}?q=&i=0`);
    await screen.findByRole('button', { name: 'Next photo' });
    const frameElement = document.querySelector('.viewer-frame') as HTMLElement;
    const fit = zoomText();
    // jsdom's WheelEvent has no pointer position: give it one, as a browser's has.
    const wheel = (deltaY: number, clientX: number, clientY: number) => {
      const event = new WheelEvent('wheel', { deltaY, bubbles: true, cancelable: true });
      Object.defineProperties(event, { clientX: { value: clientX }, clientY: { value: clientY } });
      act(() => void frameElement.dispatchEvent(event));
      // The page must not scroll under a wheel zoom.
      expect(event.defaultPrevented).toBe(true);
    };
    // jsdom gives the frame an empty box at (0, 0), so the pointer is right of and below the point zoomed around.
    wheel(-300, 500, 400);
    expect(Number.parseInt(zoomText() ?? '', 10)).toBeGreaterThan(Number.parseInt(fit ?? '', 10));
    // Zoomed in around a point right of and below the centre: the photo moved left and up, so that point stays put.
    expect(transform()).toMatch(/^translate\(-\d+(\.\d+)?px, -\d+(\.\d+)?px\)/);
    wheel(10_000, 500, 400);
    expect(zoomText()).toBe(fit);
    await act(() => void fireEvent.doubleClick(frameElement, { clientX: 40, clientY: 30 }));
    expect(zoomText()).toBe('100 %');
    await act(() => void fireEvent.doubleClick(frameElement, { clientX: 40, clientY: 30 }));
    expect(zoomText()).toBe(fit);
  });

  it('lists every shortcut on ?, and Escape closes the list without leaving the photo', async () => {
    const [first] = (await library.call('photos.search', { query: '', limit: 1 })).results;
    renderApp(library, `#/photo/${first?.id}?q=&i=0`);
    await screen.findByRole('button', { name: 'Next photo' });
    await key('?');
    const sheet = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    for (const does of ['Zoom in', 'Zoom out', 'Full screen, or leave it', 'Start the slideshow; any key stops it', 'Confirm the tag']) expect(within(sheet).getByText(does)).toBeTruthy();
    fireEvent.keyDown(sheet, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(window.location.hash).toBe(`#/photo/${first?.id}?q=&i=0`);
  });

  it('runs a slideshow from the space bar that any key stops', async () => {
    const [first] = (await library.call('photos.search', { query: '', limit: 1 })).results;
    renderApp(library, `#/photo/${first?.id}?q=&i=0`);
    await waitFor(() => expect((screen.getByRole('button', { name: 'Next photo' }) as HTMLButtonElement).disabled).toBe(false));
    await key(' ');
    await screen.findByText(/Slideshow: a new photo every 5 s/);
    expect(screen.getByRole('button', { name: 'Stop' }).getAttribute('aria-pressed')).toBe('true');
    await key('Escape');
    await waitFor(() => expect(screen.queryByText(/Slideshow: a new photo/)).toBeNull());
    // The key only stopped the show: still on the same photo.
    expect(window.location.hash).toBe(`#/photo/${first?.id}?q=&i=0`);
  });

  it('finds its place in the search when opened by a link without one, and steps from there', async () => {
    const tag = library.info?.tagsByFrequency[0] as string;
    const query = tag.includes(' ') ? `tag:"${tag}"` : `tag:${tag}`;
    const results = (await library.call('photos.search', { query, limit: 5 })).results;
    const [, , middle, after] = results;
    renderApp(library, `#/photo/${middle?.id}?q=${encodeURIComponent(query)}`);
    await waitFor(() => expect(window.location.hash).toBe(`#/photo/${middle?.id}?q=${encodeURIComponent(query)}&i=2`));
    await waitFor(() => expect((screen.getByRole('button', { name: 'Next photo' }) as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByRole('button', { name: 'Next photo' }));
    await waitFor(() => expect(window.location.hash).toBe(`#/photo/${after?.id}?q=${encodeURIComponent(query)}&i=3`));
  });
});
