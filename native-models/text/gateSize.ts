/** The gate works on a grey image with this long side… */
export const gateSize = 640;
/** …unless that leaves its short side below this: a long screenshot's lines would shrink to a pixel or two. */
export const gateMinShortSide = 320;

/**
 * How the grey image the gate looks at is sized from a photo (sharp's resize options; never enlarged): long side
 * `gateSize` for photos up to 2:1 (4:3, 3:2, 16:9 alike; the gate's thresholds were tuned on exactly sharp's
 * sizes), the short side `gateMinShortSide` for anything longer (a 1080 × 12,000 screenshot is looked at as
 * 320 × 3,556, its 40-px lines ~12 px high there, not ~2).
 */
export function gateResize(width: number, height: number): { width: number; height: number; fit: 'inside'; withoutEnlargement: true } {
  const long = Math.max(width, height);
  const short = Math.min(width, height);
  if ((short * gateSize) / long >= gateMinShortSide) return { width: gateSize, height: gateSize, fit: 'inside', withoutEnlargement: true };
  const side = Math.max(gateMinShortSide, Math.ceil((long * gateMinShortSide) / short));
  return { width: width >= height ? side : gateMinShortSide, height: width >= height ? gateMinShortSide : side, fit: 'inside', withoutEnlargement: true };
}

/** The long side of the image the gate looks at for a photo this size: what to decode the photo at for the gate. */
export function gateLongSide(width: number, height: number): number {
  const resize = gateResize(width, height);
  return Math.min(Math.max(width, height), Math.max(resize.width, resize.height));
}
