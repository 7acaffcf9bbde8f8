/** A rectangle of the photo, in photo pixels. */
export interface Crop {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Four overlapping corner crops, each `fraction` of the photo's width and height. CenterNet's input is fixed at
 * 512 px, so zooming in this way is the only route to a higher effective resolution for small objects (forks,
 * phones, distant people); the overlap keeps an object on a seam whole in at least one tile.
 */
export function cornerTiles(width: number, height: number, fraction = 0.6): Crop[] {
  const w = Math.max(1, Math.round(fraction * width));
  const h = Math.max(1, Math.round(fraction * height));
  return [0, 1].flatMap((gy) =>
    [0, 1].map((gx) => ({
      x: Math.min(width - w, Math.round(gx * (1 - fraction) * width)),
      y: Math.min(height - h, Math.round(gy * (1 - fraction) * height)),
      width: w,
      height: h,
    })),
  );
}
