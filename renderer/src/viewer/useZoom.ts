import { useCallback, useEffect, useLayoutEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { clampView, fitView, isZoomedIn, panBy, panStep, toggleActualSize, zoomAt, zoomStep, type Size, type ZoomView } from './zoom.js';

export interface Zoom {
  /** The frame's ref: a callback, so the frame is measured whenever it mounts (not only with the screen). */
  frameRef(element: HTMLDivElement | null): void;
  frame: Size;
  view: ZoomView;
  zoomed: boolean;
  zoomIn(): void;
  zoomOut(): void;
  fit(): void;
  /** Pans the picture's window: (1, 0) shows more of the right side. */
  pan(dx: number, dy: number): void;
  onDoubleClick(event: { clientX: number; clientY: number }): void;
  onPointerDown(event: ReactPointerEvent<HTMLElement>): void;
  onPointerMove(event: ReactPointerEvent<HTMLElement>): void;
  onPointerUp(event: ReactPointerEvent<HTMLElement>): void;
}

/**
 * Zoom and pan state for one picture in a frame: wheel zoom around the cursor, drag to pan, pinch with two
 * pointers, double-click between fitting and 100 %. The view goes back to fitting when `resetKey` changes.
 */
export function useZoom(image: Size, resetKey: unknown): Zoom {
  const [element, frameRef] = useState<HTMLDivElement | null>(null);
  const [frame, setFrame] = useState<Size>({ width: 0, height: 0 });
  // null = fitting, whatever the frame's size; a window resize then refits instead of keeping a stale scale.
  const [stored, setStored] = useState<ZoomView | null>(null);
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const latest = useRef({ image, frame });
  latest.current = { image, frame };

  useEffect(() => setStored(null), [resetKey]);

  // Measured before the first paint, so the picture never shows at its full size for a frame.
  useLayoutEffect(() => {
    if (!element) return;
    const measure = () => setFrame((old) => (old.width === element.clientWidth && old.height === element.clientHeight ? old : { width: element.clientWidth, height: element.clientHeight }));
    measure();
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : null;
    observer?.observe(element);
    window.addEventListener('resize', measure);
    return () => {
      observer?.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [element]);

  const view = stored ? clampView(stored, image, frame) : fitView(image, frame);

  const update = useCallback((change: (view: ZoomView, image: Size, frame: Size) => ZoomView) => {
    setStored((old) => {
      const { image: img, frame: box } = latest.current;
      return change(old ? clampView(old, img, box) : fitView(img, box), img, box);
    });
  }, []);

  /** A screen point relative to the frame's centre. */
  const fromCentre = (clientX: number, clientY: number) => {
    const rect = element?.getBoundingClientRect();
    if (!rect) return { x: 0, y: 0 };
    return { x: clientX - rect.left - rect.width / 2, y: clientY - rect.top - rect.height / 2 };
  };

  // Wheel zoom needs a listener that may cancel scrolling, which React's onWheel (passive) cannot.
  useEffect(() => {
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      // A mouse notch is ~100 px of deltaY, a trackpad gives many small ones: the zoom follows the distance.
      const factor = Math.pow(zoomStep, -event.deltaY / (event.deltaMode === 1 ? 3 : 100));
      const at = fromCentre(event.clientX, event.clientY);
      update((v, img, box) => zoomAt(v, factor, at, img, box));
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
    // fromCentre reads `element`, which is a dependency.
  }, [element, update]);

  const distance = () => {
    const [a, b] = [...pointers.current.values()];
    return a && b ? { d: Math.hypot(a.x - b.x, a.y - b.y), mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } } : null;
  };

  return {
    frameRef,
    frame,
    view,
    zoomed: isZoomedIn(view, image, frame),
    zoomIn: () => update((v, img, box) => zoomAt(v, zoomStep, { x: 0, y: 0 }, img, box)),
    zoomOut: () => update((v, img, box) => zoomAt(v, 1 / zoomStep, { x: 0, y: 0 }, img, box)),
    fit: () => setStored(null),
    pan: (dx, dy) => update((v, img, box) => panBy(v, -dx * panStep, -dy * panStep, img, box)),
    onDoubleClick: (event) => {
      const at = fromCentre(event.clientX, event.clientY);
      update((v, img, box) => toggleActualSize(v, at, img, box));
    },
    onPointerDown: (event) => {
      // A face's frame is a button: clicking it names the face, it does not start a drag.
      if ((event.target as HTMLElement).closest('button')) return;
      pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
      event.currentTarget.setPointerCapture?.(event.pointerId);
    },
    onPointerMove: (event) => {
      const previous = pointers.current.get(event.pointerId);
      if (!previous) return;
      const before = distance();
      pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
      const after = distance();
      if (before && after && before.d > 0) {
        const at = fromCentre(after.mid.x, after.mid.y);
        const factor = after.d / before.d;
        update((v, img, box) => panBy(zoomAt(v, factor, at, img, box), after.mid.x - before.mid.x, after.mid.y - before.mid.y, img, box));
      } else if (pointers.current.size === 1) {
        const dx = event.clientX - previous.x;
        const dy = event.clientY - previous.y;
        update((v, img, box) => panBy(v, dx, dy, img, box));
      }
    },
    onPointerUp: (event) => {
      pointers.current.delete(event.pointerId);
    },
  };
}
