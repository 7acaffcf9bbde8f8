/**
 * The viewer's zoom and pan, as plain maths. `scale` is screen pixels per image pixel (1 = 100 %); `x`, `y` move
 * the image's centre from the frame's centre, in screen pixels. Every function returns a view the frame can show:
 * never smaller than fitting, never larger than `maxScale`, and never panned past an edge.
 */
export interface Size {
  width: number;
  height: number;
}

export interface ZoomView {
  scale: number;
  x: number;
  y: number;
}

/** How far in one can zoom, past 100 %: enough to check focus on a single pixel of a large photo. */
export const maxZoom = 8;
/** One keyboard or wheel-notch zoom step. */
export const zoomStep = 1.25;
/** How far an arrow key pans, in screen pixels. */
export const panStep = 80;

/** The scale that shows the whole image in the frame; small images are not blown up past 100 %. */
export function fitScale(image: Size, frame: Size): number {
  if (image.width <= 0 || image.height <= 0 || frame.width <= 0 || frame.height <= 0) return 1;
  return Math.min(1, frame.width / image.width, frame.height / image.height);
}

export function fitView(image: Size, frame: Size): ZoomView {
  return { scale: fitScale(image, frame), x: 0, y: 0 };
}

export function isZoomedIn(view: ZoomView, image: Size, frame: Size): boolean {
  return view.scale > fitScale(image, frame) * 1.0001;
}

/** Keeps the scale in range and the image covering the frame on any axis where it is larger than the frame. */
export function clampView(view: ZoomView, image: Size, frame: Size): ZoomView {
  const fit = fitScale(image, frame);
  const scale = Math.min(Math.max(view.scale, fit), Math.max(maxZoom, fit));
  const slackX = Math.max(0, (image.width * scale - frame.width) / 2);
  const slackY = Math.max(0, (image.height * scale - frame.height) / 2);
  return { scale, x: clamp(view.x, -slackX, slackX), y: clamp(view.y, -slackY, slackY) };
}

/**
 * Zooms by `factor` keeping the image point under `at` (relative to the frame's centre) where it is, as a wheel
 * or a pinch around the cursor does.
 */
export function zoomAt(view: ZoomView, factor: number, at: { x: number; y: number }, image: Size, frame: Size): ZoomView {
  const target = clampView({ ...view, scale: view.scale * factor }, image, frame).scale;
  const ratio = target / view.scale;
  return clampView({ scale: target, x: at.x - (at.x - view.x) * ratio, y: at.y - (at.y - view.y) * ratio }, image, frame);
}

/** Double-click: from fitting to 100 % around the point, else back to fitting. */
export function toggleActualSize(view: ZoomView, at: { x: number; y: number }, image: Size, frame: Size): ZoomView {
  const fit = fitScale(image, frame);
  if (isZoomedIn(view, image, frame) || fit >= 1) return fitView(image, frame);
  return zoomAt(view, 1 / view.scale, at, image, frame);
}

export function panBy(view: ZoomView, dx: number, dy: number, image: Size, frame: Size): ZoomView {
  return clampView({ ...view, x: view.x + dx, y: view.y + dy }, image, frame);
}

/** The zoom as people read it: "100 %". */
export function zoomPercent(view: ZoomView): string {
  return `${Math.round(view.scale * 100)} %`;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}
