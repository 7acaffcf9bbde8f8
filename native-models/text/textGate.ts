/**
 * The cheap gate in front of OCR: which parts of a photo look like printed text, measured on a small grey
 * version of it (long side `gateSize`). Reading a photo costs 0.2–0.6 s and returns confident-looking garbage on
 * photos without text, so only regions that pass this gate are read, each at a resolution that suits its size.
 *
 * Text is dense, high-contrast strokes in rows: many dark/light alternations along a line inside a small band.
 * Each cell (`cell`×`cell` pixels) scores the share of its pixels on a strong edge and its number of strong
 * alternations along rows and columns; text-like cells are joined along the line direction, and a group becomes a
 * region when it is long and filled enough to be a line of characters (foliage and gravel are dense too, but not
 * elongated, and their edges are weaker).
 */

export interface GreyImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** A region in the grey image's pixels. */
export interface TextRegion {
  x: number;
  y: number;
  width: number;
  height: number;
  /** How many text-like cells it holds. */
  cells: number;
  /** 'horizontal' when its lines run across, 'vertical' when along (text on its side). */
  direction: 'horizontal' | 'vertical';
  /**
   * The line's slant in degrees from its direction (the principal axis of its cells), clockwise positive in image
   * coordinates (y down): a horizontal line rising to the right has a negative angle.
   */
  angle: number;
  /** The group's extent across its line (its principal axis), in pixels: the line's thickness when slanted. */
  thickness: number;
  /** It passes the stricter terms that send a photo to OCR (sendMinCells, sendMinSlantFill). */
  strong: boolean;
}

export interface TextGateParams {
  /** Side of a cell in pixels of the grey image. */
  cell: number;
  /** A pixel is on an edge when its gradient exceeds this (0–255 grey levels). */
  edgeThreshold: number;
  /** A cell is text-like when this share of its pixels is on an edge… */
  minEdgeShare: number;
  maxEdgeShare: number;
  /** …and it holds at least this many strong alternations per row of the cell (along the line). */
  minCrossings: number;
  /** A group of cells is a region when it holds at least this many cells… */
  minCells: number;
  /** …is at least this long for its thickness (in cells)… */
  minElongation: number;
  /** …and at least this share of its bounding box is text-like. */
  minFill: number;
  /** A group slanted at least this much (degrees) is measured along its own axis instead… */
  minSlant: number;
  /** …where at least this share of its band must be text-like. */
  minSlantFill: number;
  /**
   * A photo is read only when one of its regions is this big (cells)… and, slanted, this filled; it is then
   * read in all its regions, weaker ones too (a short word beside a sign's long line).
   */
  sendMinCells: number;
  sendMinFill: number;
  sendMinSlantFill: number;
  /** Also measure at 1/√2 between the octaves. */
  betweenScales: boolean;
}

export const defaultGateParams: TextGateParams = {
  cell: 8,
  edgeThreshold: 48,
  minEdgeShare: 0.12,
  maxEdgeShare: 0.7,
  // Chosen on the text set's dev part against coco dev (grid over these four): keeps 0.755 of dev photos with
  // text ≥ 20 px and sends 0.281 of coco dev photos to OCR.
  minCrossings: 1.6,
  minCells: 6,
  minElongation: 2.5,
  minFill: 0.5,
  // 2 and 0.435 (reader version 5; were 3 and 0.45), chosen on dev: a line slanted 2–3° was judged by its box alone,
  // a cell taller than it and too empty. Gate recall on dev 0.849 → 0.906, coco dev sent 0.254 → 0.298 (4 of the 5
  // photos added hold text). README, Text in photos.
  minSlant: 2,
  minSlantFill: 0.4,
  sendMinCells: 8,
  sendMinFill: 0.5,
  sendMinSlantFill: 0.435,
  betweenScales: true,
};

export { gateMinShortSide, gateResize, gateSize } from './gateSize.js';

export interface GateResult {
  regions: TextRegion[];
  /** Share of the image's cells that are text-like (0–1), for measurements. */
  textCellShare: number;
}

/** Per cell: text-like in the row direction ('h'), the column direction ('v'), both, or not. */
export function cellMaps(image: GreyImage, params: TextGateParams): { cols: number; rows: number; h: Uint8Array; v: Uint8Array } {
  const { data, width, height } = image;
  const { cell } = params;
  const cols = Math.floor(width / cell);
  const rows = Math.floor(height / cell);
  const h = new Uint8Array(cols * rows);
  const v = new Uint8Array(cols * rows);
  const t = params.edgeThreshold;
  // One pass along each pixel row of a band of cells, counting into the band's cells: the same counts as cell by
  // cell, in a third of the time (the gate runs on every photo the text pass looks at).
  const edges = new Int32Array(cols);
  const crossH = new Int32Array(cols);
  const crossV = new Int32Array(cols);
  const span = cols * cell;
  for (let cy = 0; cy < rows; cy++) {
    edges.fill(0);
    crossH.fill(0);
    crossV.fill(0);
    for (let y = cy * cell; y < (cy + 1) * cell; y++) {
      const row = y * width;
      const below = y + 1 < height ? width : 0;
      for (let x = 0; x < span; x++) {
        const p = data[row + x] as number;
        const dx = x + 1 < width ? (data[row + x + 1] as number) - p : 0;
        const dy = below ? (data[row + below + x] as number) - p : 0;
        // An alternation: a strong step along the row (crossing a vertical stroke edge) or along the column.
        const alongRow = dx > t || dx < -t;
        const alongColumn = dy > t || dy < -t;
        if (alongRow || alongColumn) {
          const c = (x / cell) | 0;
          edges[c] = (edges[c] as number) + 1;
          if (alongRow) crossH[c] = (crossH[c] as number) + 1;
          if (alongColumn) crossV[c] = (crossV[c] as number) + 1;
        }
      }
    }
    for (let cx = 0; cx < cols; cx++) {
      const share = (edges[cx] as number) / (cell * cell);
      if (share < params.minEdgeShare || share > params.maxEdgeShare) continue;
      const i = cy * cols + cx;
      // Characters have strokes both ways; a cell with only one kind of edge is a fence, a frame, a horizon.
      const perLineH = (crossH[cx] as number) / cell;
      const perLineV = (crossV[cx] as number) / cell;
      if (perLineH >= params.minCrossings && perLineV >= params.minCrossings * 0.5) h[i] = 1;
      if (perLineV >= params.minCrossings && perLineH >= params.minCrossings * 0.5) v[i] = 1;
    }
  }
  return { cols, rows, h, v };
}

/** Groups of text-like cells joined along `direction` (bridging one-cell gaps between letters and words). */
function groups(map: Uint8Array, cols: number, rows: number, direction: 'horizontal' | 'vertical', params: TextGateParams): TextRegion[] {
  const seen = new Uint8Array(cols * rows);
  const regions: TextRegion[] = [];
  const stack: number[] = [];
  // Along the line, a gap of up to two cells is the space between words; across it, neighbours only.
  const [reachX, reachY] = direction === 'horizontal' ? [3, 1] : [1, 3];
  for (let start = 0; start < map.length; start++) {
    if (!map[start] || seen[start]) continue;
    seen[start] = 1;
    stack.push(start);
    let minX = cols;
    let minY = rows;
    let maxX = -1;
    let maxY = -1;
    let count = 0;
    const cellsOf: number[] = [];
    while (stack.length > 0) {
      const i = stack.pop() as number;
      const x = i % cols;
      const y = (i - x) / cols;
      count++;
      cellsOf.push(x, y);
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      for (let ny = Math.max(0, y - reachY); ny <= Math.min(rows - 1, y + reachY); ny++) {
        for (let nx = Math.max(0, x - reachX); nx <= Math.min(cols - 1, x + reachX); nx++) {
          const j = ny * cols + nx;
          if (map[j] && !seen[j]) {
            seen[j] = 1;
            stack.push(j);
          }
        }
      }
    }
    const w = maxX - minX + 1;
    const h = maxY - minY + 1;
    if (count < params.minCells) continue;
    // The line's own axis (principal axis of its cells), so a slanted line is measured along itself: its
    // axis-aligned box is mostly empty, but along its axis it is as long and filled as a level one.
    const shape = lineShape(cellsOf, direction);
    const boxAlong = direction === 'horizontal' ? w : h;
    const boxAcross = direction === 'horizontal' ? h : w;
    const level = boxAlong >= params.minElongation * Math.min(boxAcross, 3) && count / (w * h) >= params.minFill;
    const slanted =
      Math.abs(shape.angle) >= params.minSlant &&
      shape.along >= params.minElongation * Math.min(shape.across, 3) &&
      count / (shape.along * shape.across) >= params.minSlantFill;
    if (!level && !slanted) continue;
    const across = level ? boxAcross : shape.across;
    const c = params.cell;
    const strong = count >= params.sendMinCells && ((level && count / (w * h) >= params.sendMinFill) || (slanted && count / (shape.along * shape.across) >= params.sendMinSlantFill));
    regions.push({ x: minX * c, y: minY * c, width: w * c, height: h * c, cells: count, direction, angle: shape.angle, thickness: across * c, strong });
  }
  return regions;
}

/** Slant limit: a group more slanted than this is not a line in that direction (the other map finds it). */
const maxSlant = 30;

/**
 * A group's principal axis and its extents along and across it, in cells (flat pairs x, y). The slant is measured
 * from the group's direction and clamped to ±maxSlant.
 */
export function lineShape(cells: readonly number[], direction: 'horizontal' | 'vertical'): { angle: number; along: number; across: number } {
  const n = cells.length / 2;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < cells.length; i += 2) {
    mx += cells[i] as number;
    my += cells[i + 1] as number;
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < cells.length; i += 2) {
    const dx = (cells[i] as number) - mx;
    const dy = (cells[i + 1] as number) - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  // Angle of the principal axis from the x axis, then from the line's direction.
  let theta = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  let degrees = (theta * 180) / Math.PI;
  if (direction === 'vertical') degrees = degrees > 0 ? degrees - 90 : degrees + 90;
  degrees = Math.max(-maxSlant, Math.min(maxSlant, degrees));
  theta = ((direction === 'vertical' ? degrees + 90 : degrees) * Math.PI) / 180;
  const ux = Math.cos(theta);
  const uy = Math.sin(theta);
  let minA = Infinity;
  let maxA = -Infinity;
  let minB = Infinity;
  let maxB = -Infinity;
  for (let i = 0; i < cells.length; i += 2) {
    const dx = (cells[i] as number) - mx;
    const dy = (cells[i + 1] as number) - my;
    const a = dx * ux + dy * uy;
    const b = -dx * uy + dy * ux;
    if (a < minA) minA = a;
    if (a > maxA) maxA = a;
    if (b < minB) minB = b;
    if (b > maxB) maxB = b;
  }
  return { angle: Math.round(degrees * 10) / 10, along: maxA - minA + 1, across: maxB - minB + 1 };
}

function overlapShare(a: TextRegion, b: TextRegion): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  return (w * h) / Math.min(a.width * a.height, b.width * b.height);
}

/** A grey image resized by `f` (< 1), bilinear. */
export function scaleGrey(image: GreyImage, f: number): GreyImage {
  const width = Math.max(1, Math.round(image.width * f));
  const height = Math.max(1, Math.round(image.height * f));
  const data = new Uint8Array(width * height);
  const sx = image.width / width;
  const sy = image.height / height;
  const src = image.data;
  // Each column's source pixel and weight, computed once rather than once per row.
  const columns = new Int32Array(width);
  const weights = new Float64Array(width);
  for (let x = 0; x < width; x++) {
    const fx = Math.min(image.width - 1.001, Math.max(0, (x + 0.5) * sx - 0.5));
    columns[x] = Math.floor(fx);
    weights[x] = fx - Math.floor(fx);
  }
  for (let y = 0; y < height; y++) {
    const fy = Math.min(image.height - 1.001, Math.max(0, (y + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy);
    const wy = fy - y0;
    const rowStart = y0 * image.width;
    for (let x = 0; x < width; x++) {
      const wx = weights[x] as number;
      const i = rowStart + (columns[x] as number);
      const top = (src[i] as number) * (1 - wx) + (src[i + 1] as number) * wx;
      const bottom = (src[i + image.width] as number) * (1 - wx) + (src[i + image.width + 1] as number) * wx;
      data[y * width + x] = Math.round(top * (1 - wy) + bottom * wy);
    }
  }
  return { data, width, height };
}

/** Halves a grey image (2×2 means): large letters become strokes the size the cells measure. */
export function halveGrey(image: GreyImage): GreyImage {
  const width = Math.floor(image.width / 2);
  const height = Math.floor(image.height / 2);
  const data = new Uint8Array(width * height);
  const src = image.data;
  for (let y = 0; y < height; y++) {
    const r0 = 2 * y * image.width;
    const r1 = r0 + image.width;
    for (let x = 0; x < width; x++) {
      const i = 2 * x;
      data[y * width + x] = ((src[r0 + i] as number) + (src[r0 + i + 1] as number) + (src[r1 + i] as number) + (src[r1 + i + 1] as number) + 2) >> 2;
    }
  }
  return { data, width, height };
}

/** Regions of lines of text at one scale, in that scale's pixels, and how many cells were text-like. */
function regionsAtScale(image: GreyImage, params: TextGateParams): { regions: TextRegion[]; textCells: number; cells: number } {
  const { cols, rows, h, v } = cellMaps(image, params);
  const horizontal = groups(h, cols, rows, 'horizontal', params);
  const vertical = groups(v, cols, rows, 'vertical', params);
  const kept = [...horizontal];
  for (const region of vertical) {
    const rival = kept.find((r) => overlapShare(r, region) > 0.5);
    if (!rival) kept.push(region);
    else if (region.cells > rival.cells * 1.5) kept.splice(kept.indexOf(rival), 1, { ...region, strong: region.strong || rival.strong });
    else if (region.strong) rival.strong = true;
  }
  let textCells = 0;
  for (let i = 0; i < h.length; i++) if (h[i] || v[i]) textCells++;
  return { regions: kept, textCells, cells: cols * rows };
}

/**
 * The regions of `image` that look like lines of text, largest first, in its pixels. Measured at three scales
 * (the image, a half and a quarter), so letters from ~6 px to ~100 px high all show as strokes; a region found at
 * several scales is kept once, at the scale where it holds the most cells. A region found both ways (a block of
 * letters reads as both) is kept in the direction with more cells.
 */
export function findTextRegions(image: GreyImage, params: TextGateParams = defaultGateParams): GateResult {
  const all: TextRegion[] = [];
  let octave = image;
  let factor = 1;
  let textCellShare = 0;
  for (let level = 0; level < 3 && Math.min(octave.width, octave.height) >= params.cell * 4; level++) {
    // Each octave and, between it and the next, a copy at 1/√2: letters of every size meet one scale where
    // their strokes fill cells the way the thresholds expect.
    const steps: [GreyImage, number][] = [[octave, factor]];
    if (params.betweenScales && level < 2) {
      const between = scaleGrey(octave, Math.SQRT1_2);
      steps.push([between, factor * (octave.width / between.width)]);
    }
    for (const [scaled, f] of steps) {
      if (Math.min(scaled.width, scaled.height) < params.cell * 4) continue;
      const found = regionsAtScale(scaled, params);
      if (scaled === image) textCellShare = found.cells > 0 ? found.textCells / found.cells : 0;
      for (const r of found.regions) all.push({ ...r, x: r.x * f, y: r.y * f, width: r.width * f, height: r.height * f, thickness: r.thickness * f });
    }
    octave = halveGrey(octave);
    factor *= 2;
  }
  all.sort((a, b) => b.width * b.height - a.width * a.height);
  const kept: TextRegion[] = [];
  for (const region of all) {
    // A larger region already kept that holds most of this one reads it too.
    const holder = kept.find((k) => overlapShare(k, region) > 0.7);
    if (!holder) kept.push(region);
    else if (region.strong) holder.strong = true;
  }
  kept.sort((a, b) => b.cells - a.cells);
  return { regions: kept.some((r) => r.strong) ? kept : [], textCellShare };
}
