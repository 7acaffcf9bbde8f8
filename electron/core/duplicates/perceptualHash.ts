import type { RawRgbImage } from '../imaging/types.js';

/** Bumped when the hash changes: stored hashes of another version are computed again, never compared. */
export const PERCEPTUAL_HASH_VERSION = 1;

/** Side of the greyscale square the DCT runs over, and of the low-frequency block whose signs make the hash. */
const GRID = 32;
const BLOCK = 8;

/**
 * A photo's DCT perceptual hash (pHash) as it is and turned by 90°, 180° and 270°: four 64-bit hashes, as eight
 * unsigned 32-bit halves (high, low for 0°, then 90°, 180°, 270°). A resized, recompressed or slightly cropped
 * copy keeps most bits; a rotated copy's 0° hash matches one of this photo's turned ones.
 */
export type PerceptualHashes = Uint32Array;

/** The DCT-II basis for GRID samples, its first BLOCK frequencies only (the hash reads no others). */
const basis: Float64Array = (() => {
  const b = new Float64Array(BLOCK * GRID);
  for (let u = 0; u < BLOCK; u++) for (let x = 0; x < GRID; x++) b[u * GRID + x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * GRID));
  return b;
})();

/** The image as a GRID×GRID greyscale square (Rec. 601 luma), each cell the mean of the pixels it covers. */
export function greyGrid(image: RawRgbImage): Float64Array {
  const { data, width, height } = image;
  const sums = new Float64Array(GRID * GRID);
  const counts = new Float64Array(GRID * GRID);
  // Each column's cell, worked out once per image rather than per pixel (this runs on the library's event loop).
  const cellX = new Int32Array(width);
  const columns = new Float64Array(GRID);
  for (let x = 0; x < width; x++) {
    const gx = Math.min(GRID - 1, Math.floor((x * GRID) / width));
    cellX[x] = gx;
    columns[gx] = (columns[gx] as number) + 1;
  }
  for (let y = 0; y < height; y++) {
    const gy = Math.min(GRID - 1, Math.floor((y * GRID) / height));
    const cellRow = gy * GRID;
    const row = y * width * 3;
    for (let x = 0; x < width; x++) {
      const k = cellRow + (cellX[x] as number);
      const i = row + x * 3;
      sums[k] = (sums[k] as number) + 0.299 * (data[i] as number) + 0.587 * (data[i + 1] as number) + 0.114 * (data[i + 2] as number);
    }
    for (let gx = 0; gx < GRID; gx++) counts[cellRow + gx] = (counts[cellRow + gx] as number) + (columns[gx] as number);
  }
  // An image smaller than the grid leaves cells empty: they take their nearest filled neighbour's value.
  for (let gy = 0; gy < GRID; gy++) {
    for (let gx = 0; gx < GRID; gx++) {
      const k = gy * GRID + gx;
      if ((counts[k] as number) > 0) sums[k] = (sums[k] as number) / (counts[k] as number);
      else {
        const sy = Math.min(height - 1, Math.floor(((gy + 0.5) * height) / GRID));
        const sx = Math.min(width - 1, Math.floor(((gx + 0.5) * width) / GRID));
        const i = (sy * width + sx) * 3;
        sums[k] = 0.299 * (data[i] as number) + 0.587 * (data[i + 1] as number) + 0.114 * (data[i + 2] as number);
      }
    }
  }
  return sums;
}

/** The grid turned 90° clockwise. */
function turn(grid: Float64Array): Float64Array {
  const out = new Float64Array(GRID * GRID);
  for (let y = 0; y < GRID; y++) for (let x = 0; x < GRID; x++) out[x * GRID + (GRID - 1 - y)] = grid[y * GRID + x] as number;
  return out;
}

/** 64 bits: each low-frequency coefficient above the median of the 63 non-constant ones, row by row. */
function hashGrid(grid: Float64Array): [number, number] {
  // Separable DCT, rows then columns, first BLOCK frequencies each way.
  const rows = new Float64Array(GRID * BLOCK);
  for (let y = 0; y < GRID; y++) {
    for (let u = 0; u < BLOCK; u++) {
      let s = 0;
      for (let x = 0; x < GRID; x++) s += (grid[y * GRID + x] as number) * (basis[u * GRID + x] as number);
      rows[y * BLOCK + u] = s;
    }
  }
  const coeffs = new Float64Array(BLOCK * BLOCK);
  for (let v = 0; v < BLOCK; v++) {
    for (let u = 0; u < BLOCK; u++) {
      let s = 0;
      for (let y = 0; y < GRID; y++) s += (rows[y * BLOCK + u] as number) * (basis[v * GRID + y] as number);
      coeffs[v * BLOCK + u] = s;
    }
  }
  const sorted = Array.from(coeffs.subarray(1)).sort((a, b) => a - b);
  const median = ((sorted[31] as number) + (sorted[32] as number)) / 2;
  let hi = 0;
  let lo = 0;
  for (let k = 0; k < 64; k++) {
    if ((coeffs[k] as number) <= median) continue;
    if (k < 32) hi |= 1 << (31 - k);
    else lo |= 1 << (63 - k);
  }
  return [hi >>> 0, lo >>> 0];
}

/** The four hashes of an upright decoded photo (the pipeline's preview: already turned by its EXIF orientation). */
export function perceptualHashes(image: RawRgbImage): PerceptualHashes {
  const out = new Uint32Array(8);
  let grid = greyGrid(image);
  for (let r = 0; r < 4; r++) {
    const [hi, lo] = hashGrid(grid);
    out[r * 2] = hi;
    out[r * 2 + 1] = lo;
    grid = turn(grid);
  }
  return out;
}

function popcount(n: number): number {
  let v = n - ((n >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Differing bits between `a` as it is and `b` in whichever of its four turns is closest: 0..64. */
export function hashDistance(a: PerceptualHashes, b: PerceptualHashes, aOffset = 0, bOffset = 0): number {
  const ahi = a[aOffset] as number;
  const alo = a[aOffset + 1] as number;
  let best = 64;
  for (let r = 0; r < 4; r++) {
    const d = popcount(ahi ^ (b[bOffset + r * 2] as number)) + popcount(alo ^ (b[bOffset + r * 2 + 1] as number));
    if (d < best) best = d;
  }
  return best;
}

/** As stored: 32 bytes, big-endian halves in the order above. */
export function encodeHashes(hashes: PerceptualHashes): Buffer {
  const buf = Buffer.alloc(32);
  hashes.forEach((h, i) => buf.writeUInt32BE(h, i * 4));
  return buf;
}

export function decodeHashes(buf: Buffer): PerceptualHashes {
  if (buf.length !== 32) throw new RangeError(`a stored perceptual hash is 32 bytes, not ${buf.length}`);
  const out = new Uint32Array(8);
  for (let i = 0; i < 8; i++) out[i] = buf.readUInt32BE(i * 4);
  return out;
}
