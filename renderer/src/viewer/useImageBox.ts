import { useEffect, useState, type RefObject } from 'react';

/** The image's box inside its positioned parent, followed as the window (and so the image) resizes. */
export function useImageBox(image: RefObject<HTMLImageElement | null>, key: unknown): { left: number; top: number; width: number; height: number } | null {
  const [box, setBox] = useState<{ left: number; top: number; width: number; height: number } | null>(null);
  useEffect(() => {
    const img = image.current;
    if (!img) return;
    const measure = () => setBox({ left: img.offsetLeft, top: img.offsetTop, width: img.offsetWidth, height: img.offsetHeight });
    measure();
    img.addEventListener('load', measure);
    window.addEventListener('resize', measure);
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : null;
    observer?.observe(img);
    return () => {
      img.removeEventListener('load', measure);
      window.removeEventListener('resize', measure);
      observer?.disconnect();
    };
  }, [image, key]);
  return box;
}
