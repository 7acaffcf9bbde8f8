/**
 * A line of text as the detector finds it: a rotated box (centre, length along the line, thickness across it,
 * angle of its length from the x axis in radians, y down) in the pixels of the image it was found in.
 */
export interface LineBox {
  cx: number;
  cy: number;
  length: number;
  thickness: number;
  angle: number;
  /** The detector's mean text probability over the line's pixels. */
  score: number;
}

export interface LineBoxParams {
  /** A pixel is text above this probability (PaddleOCR's default 0.3). */
  pixelThreshold: number;
  /** A line is kept when its mean probability reaches this (PaddleOCR's default 0.6). */
  boxThreshold: number;
  /** How far the found core is grown, as PaddleOCR's unclip ratio: area × ratio / perimeter on every side. */
  unclipRatio: number;
  /** Lines thinner than this many detector pixels (before growing) are specks. */
  minThickness: number;
}

export const defaultLineBoxParams: LineBoxParams = { pixelThreshold: 0.3, boxThreshold: 0.6, unclipRatio: 1.5, minThickness: 3 };

/**
 * The detector's input size for an image: at most `maxSide` on the long side, but for an image longer than 2:1
 * (a long screenshot) the short side may reach `maxSide * 2 / 3` and the long side `maxLongSide`, so its lines
 * keep their size; both multiples of 32, as the detector's strides need.
 */
export function detectorSize(width: number, height: number, maxSide = 960, maxLongSide = 4096): { width: number; height: number } {
  const long = Math.max(width, height);
  const short = Math.min(width, height);
  const scale = long > 2 * short ? Math.min(1, (maxSide * 2) / 3 / short, maxLongSide / long) : Math.min(1, maxSide / long);
  const snap = (x: number) => Math.max(32, Math.round((x * scale) / 32) * 32);
  return { width: snap(width), height: snap(height) };
}

/**
 * The detector's long side for a photo whose thinnest line the gate measured `thinnestLine` pixels thick: the
 * photo's own size up to 960, but no more than brings that line to 32 px, and at least 480. Large text needs no
 * more, and the detector runs in proportion to its pixels. Chosen on the text set's `dev` photos (reader version 7):
 * words ≥ 20 px 0.943 → 0.959 (the detector also finds big letters better smaller), 12–19 px 0.716 → 0.682, the
 * bench's coco photos read ~9 % faster; 24 px gave 0.943 / 0.636, 40 px 0.943 / 0.693.
 */
export function detectorLongSide(width: number, height: number, thinnestLine: number): number {
  const long = Math.max(width, height);
  return Math.round(Math.max(480, Math.min(960, long, (long * 32) / Math.max(1, thinnestLine))));
}

/**
 * The lines in a probability map (`width` × `height`, row-major): connected text pixels, each fitted with its
 * smallest rotated box (searched in 1° steps), grown as PaddleOCR grows its boxes, the long side taken as the
 * line's direction. The direction's sense (a line read left to right or upside down) is the classifier's call.
 */
export function findLineBoxes(probability: Float32Array, width: number, height: number, params: LineBoxParams = defaultLineBoxParams): LineBox[] {
  const seen = new Uint8Array(width * height);
  const boxes: LineBox[] = [];
  const stack: number[] = [];
  for (let start = 0; start < width * height; start++) {
    if (seen[start] || (probability[start] as number) <= params.pixelThreshold) continue;
    // Each row's leftmost and rightmost pixel of the component: its hull lies on them.
    const rowMin = new Map<number, number>();
    const rowMax = new Map<number, number>();
    let sum = 0;
    let count = 0;
    seen[start] = 1;
    stack.push(start);
    while (stack.length > 0) {
      const p = stack.pop() as number;
      sum += probability[p] as number;
      count++;
      const x = p % width;
      const y = (p - x) / width;
      if (x < (rowMin.get(y) ?? Infinity)) rowMin.set(y, x);
      if (x > (rowMax.get(y) ?? -Infinity)) rowMax.set(y, x);
      if (x > 0) visit(p - 1);
      if (x < width - 1) visit(p + 1);
      if (y > 0) visit(p - width);
      if (y < height - 1) visit(p + width);
    }
    if (count < 4 || sum / count < params.boxThreshold) continue;
    const points: Array<[number, number]> = [];
    for (const [y, x0] of rowMin) {
      points.push([x0, y], [x0 + 1, y], [x0, y + 1], [x0 + 1, y + 1]);
      const x1 = rowMax.get(y) as number;
      points.push([x1, y], [x1 + 1, y], [x1, y + 1], [x1 + 1, y + 1]);
    }
    const rect = smallestRotatedRect(points);
    if (Math.min(rect.length, rect.thickness) < params.minThickness) continue;
    const grow = (rect.length * rect.thickness * params.unclipRatio) / (2 * (rect.length + rect.thickness));
    boxes.push({ ...rect, length: rect.length + 2 * grow, thickness: rect.thickness + 2 * grow, score: sum / count });
  }
  return boxes;

  function visit(q: number): void {
    if (!seen[q] && (probability[q] as number) > params.pixelThreshold) {
      seen[q] = 1;
      stack.push(q);
    }
  }
}

/** The smallest box holding the points, over angles −45°…45° in 1° steps; its longer side is its length. */
function smallestRotatedRect(points: ReadonlyArray<readonly [number, number]>): Omit<LineBox, 'score'> {
  let best: Omit<LineBox, 'score'> & { area: number } = { cx: 0, cy: 0, length: 0, thickness: 0, angle: 0, area: Infinity };
  for (let degrees = -45; degrees <= 45; degrees++) {
    const a = (degrees * Math.PI) / 180;
    const cos = Math.cos(a);
    const sin = Math.sin(a);
    let u0 = Infinity;
    let u1 = -Infinity;
    let v0 = Infinity;
    let v1 = -Infinity;
    for (const [x, y] of points) {
      const u = x * cos + y * sin;
      const v = -x * sin + y * cos;
      if (u < u0) u0 = u;
      if (u > u1) u1 = u;
      if (v < v0) v0 = v;
      if (v > v1) v1 = v;
    }
    const along = u1 - u0;
    const across = v1 - v0;
    if (along * across >= best.area) continue;
    const uc = (u0 + u1) / 2;
    const vc = (v0 + v1) / 2;
    const centre = { cx: uc * cos - vc * sin, cy: uc * sin + vc * cos };
    best =
      along >= across
        ? { ...centre, length: along, thickness: across, angle: a, area: along * across }
        : { ...centre, length: across, thickness: along, angle: a + Math.PI / 2, area: along * across };
  }
  const { area: _area, ...rect } = best;
  return rect;
}

/** A box found at the detector's size in the pixels of an image `sx` × `sy` times as large. */
export function scaleLineBox(box: LineBox, sx: number, sy: number): LineBox {
  // Scaling unevenly changes a rotated box's angle and sides; the detector's sizes differ from the image's by a
  // rounding to 32 px, so the corners are scaled and the box is fitted to them again.
  const corners = lineBoxCorners(box).map(([x, y]) => [x * sx, y * sy] as const);
  const [a, b, , d] = corners as [readonly [number, number], readonly [number, number], readonly [number, number], readonly [number, number]];
  const length = Math.hypot(b[0] - a[0], b[1] - a[1]);
  const thickness = Math.hypot(d[0] - a[0], d[1] - a[1]);
  return { ...box, cx: box.cx * sx, cy: box.cy * sy, length, thickness, angle: Math.atan2(b[1] - a[1], b[0] - a[0]) };
}

/** The box's corners: start of the line's top edge, its end, the end of the bottom edge, its start. */
export function lineBoxCorners(box: LineBox): Array<[number, number]> {
  const cos = Math.cos(box.angle);
  const sin = Math.sin(box.angle);
  const hl = box.length / 2;
  const ht = box.thickness / 2;
  const at = (u: number, v: number): [number, number] => [box.cx + u * cos - v * sin, box.cy + u * sin + v * cos];
  return [at(-hl, -ht), at(hl, -ht), at(hl, ht), at(-hl, ht)];
}
