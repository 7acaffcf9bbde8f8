/**
 * Pools one image's feature map [rows, cols, channels] (row-major) over the part that shows the photo (the rest is
 * letterbox padding), then applies a signed square root and L2 normalisation. The square root damps the few
 * channels that fire hugely on one salient object, so the vector also reflects the rest of the scene.
 */
export function poolEmbedding(map: Float32Array, rows: number, cols: number, channels: number, validRows: number, validCols: number): Float32Array {
  const vr = Math.max(1, Math.min(rows, validRows));
  const vc = Math.max(1, Math.min(cols, validCols));
  const out = new Float32Array(channels);
  for (let r = 0; r < vr; r++) {
    for (let c = 0; c < vc; c++) {
      const base = (r * cols + c) * channels;
      for (let k = 0; k < channels; k++) out[k] = (out[k] as number) + (map[base + k] as number);
    }
  }
  let norm = 0;
  for (let k = 0; k < channels; k++) {
    const mean = (out[k] as number) / (vr * vc);
    const v = Math.sign(mean) * Math.sqrt(Math.abs(mean));
    out[k] = v;
    norm += v * v;
  }
  const n = Math.sqrt(norm) || 1;
  for (let k = 0; k < channels; k++) out[k] = (out[k] as number) / n;
  return out;
}

/** How a feature map becomes a vector; the tuning script swaps in alternatives. */
export type FeaturePooling = typeof poolEmbedding;
