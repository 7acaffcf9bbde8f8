/**
 * (Tuning only: a candidate pooling that lost to native-models/embedding/poolEmbedding.ts.)
 * Pools a feature map [rows, cols, channels] (row-major, one image) over the part that shows the photo:
 * the whole, its top half and its bottom half, concatenated and L2-normalised. The halves keep a little layout
 * (sky above, ground below), which is what separates sea from glacier from street when the objects alike are few.
 */
export function pyramidPool(map: Float32Array, rows: number, cols: number, channels: number, validRows: number, validCols: number): Float32Array {
  const vr = Math.max(1, Math.min(rows, validRows));
  const vc = Math.max(1, Math.min(cols, validCols));
  const split = Math.max(1, Math.floor(vr / 2));
  const out = new Float32Array(channels * 3);
  const sum = (fromRow: number, toRow: number, offset: number) => {
    for (let r = fromRow; r < toRow; r++) {
      for (let c = 0; c < vc; c++) {
        const base = (r * cols + c) * channels;
        for (let k = 0; k < channels; k++) out[offset + k] = (out[offset + k] as number) + (map[base + k] as number);
      }
    }
    const n = Math.max(1, (toRow - fromRow) * vc);
    for (let k = 0; k < channels; k++) out[offset + k] = (out[offset + k] as number) / n;
  };
  sum(0, vr, 0);
  sum(0, split, channels);
  sum(vr > 1 ? split : 0, vr, 2 * channels);
  return l2Normalise(out);
}

export function l2Normalise(v: Float32Array): Float32Array {
  let s = 0;
  for (const x of v) s += x * x;
  const n = Math.sqrt(s) || 1;
  for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) / n;
  return v;
}
