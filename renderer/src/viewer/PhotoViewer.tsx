import { useEffect, useState, type ReactNode, type RefObject } from 'react';
import type { Zoom } from './useZoom.js';
import { fitScale, type Size } from './zoom.js';
import './viewer.css';

export interface PhotoViewerProps {
  zoom: Zoom;
  image: Size;
  /** Shown at once (the cached large thumbnail), then replaced by `full` once that has loaded. */
  preview: string;
  full: string | null;
  alt: string;
  imageRef: RefObject<HTMLImageElement | null>;
  /** The full picture's size once loaded, for photos whose size the index does not know. */
  onSize?(size: Size): void;
  /** Drawn over the picture, zoomed and panned with it (the faces' frames). */
  children?: ReactNode;
}

/**
 * The picture, fitted to the frame and zoomed and panned by `zoom`. The picture and what is drawn over it share one
 * box that is moved by a CSS transform, so the faces' frames stay on the faces at any zoom.
 */
export function PhotoViewer({ zoom, image, preview, full, alt, imageRef, onSize, children }: PhotoViewerProps) {
  const [loaded, setLoaded] = useState<string | null>(null);

  // The full picture is fetched beside the preview and swapped in once decoded, so the screen never goes blank.
  useEffect(() => {
    setLoaded(null);
    if (!full) return;
    let current = true;
    const probe = new Image();
    probe.onload = () => {
      if (!current) return;
      setLoaded(full);
      onSize?.({ width: probe.naturalWidth, height: probe.naturalHeight });
    };
    probe.src = full;
    return () => {
      current = false;
      probe.onload = null;
    };
    // onSize is a callback the screen passes anew each render; the picture to load is what matters.
  }, [full]);

  const { frame, view } = zoom;
  const fit = fitScale(image, frame);
  const width = image.width * fit;
  const height = image.height * fit;
  return (
    <div
      ref={zoom.frameRef}
      className={`viewer-frame${zoom.zoomed ? ' zoomed' : ''}`}
      data-zoom={view.scale.toFixed(4)}
      onDoubleClick={zoom.onDoubleClick}
      onPointerDown={zoom.onPointerDown}
      onPointerMove={zoom.onPointerMove}
      onPointerUp={zoom.onPointerUp}
      onPointerCancel={zoom.onPointerUp}
    >
      <div
        className="viewer-canvas"
        style={{
          width,
          height,
          left: (frame.width - width) / 2,
          top: (frame.height - height) / 2,
          transform: `translate(${view.x}px, ${view.y}px) scale(${view.scale / fit})`,
        }}
      >
        <img ref={imageRef} src={loaded ?? preview} alt={alt} draggable={false} data-full={loaded !== null ? 'yes' : 'no'} />
        {children}
      </div>
    </div>
  );
}
