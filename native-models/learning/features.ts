import { scoreLogit } from '../tagger/fusion.js';

/**
 * What a learned head reads for one photo: its stored embedding (int8 with a per-row scale) and the detector's
 * per-class scores, as aligned rows of contiguous arrays (the shape db/ hands over for a whole library).
 */
export interface FeatureSource {
  embeddingDim: number;
  embeddings: Int8Array;
  embeddingScales: Float32Array;
  scoresDim: number;
  scores: Float32Array;
}

/**
 * Per-feature centre and spread over the library. Standardising puts the 720 embedding channels and the 80 class
 * scores on one scale, so one L2 penalty means the same for all of them; scenes `dev` measured it as worth
 * about +0.04 few-shot F1 over raw features.
 */
export interface FeatureNormalizer {
  centre: number[];
  scale: number[];
}

/** The spread floor per block: a class the library never shows would otherwise blow its rare score up to 500σ. */
const embeddingScaleFloor = 1e-3;
const scoreScaleFloor = 0.05;

export const featureCount = (source: Pick<FeatureSource, 'embeddingDim' | 'scoresDim'>): number => source.embeddingDim + source.scoresDim;

export function rowCount(source: FeatureSource): number {
  return source.embeddingScales.length;
}

/** Writes photo `row`'s raw [embedding, scores] features into `out` at `offset`. */
export function rawFeatures(source: FeatureSource, row: number, out: Float32Array | Float64Array, offset = 0): void {
  const { embeddingDim: e, scoresDim: s } = source;
  const scale = source.embeddingScales[row] as number;
  for (let j = 0; j < e; j++) out[offset + j] = (source.embeddings[row * e + j] as number) * scale;
  for (let j = 0; j < s; j++) out[offset + e + j] = source.scores[row * s + j] as number;
}

/** Mean and standard deviation of every feature over `rows` (all rows when omitted). */
export function fitNormalizer(source: FeatureSource, rows?: ArrayLike<number>): FeatureNormalizer {
  const dim = featureCount(source);
  const n = rows ? rows.length : rowCount(source);
  const sum = new Float64Array(dim);
  const sumSq = new Float64Array(dim);
  const buffer = new Float64Array(dim);
  for (let k = 0; k < n; k++) {
    rawFeatures(source, rows ? (rows[k] as number) : k, buffer);
    for (let j = 0; j < dim; j++) {
      const v = buffer[j] as number;
      sum[j] = (sum[j] as number) + v;
      sumSq[j] = (sumSq[j] as number) + v * v;
    }
  }
  const centre: number[] = [];
  const scale: number[] = [];
  for (let j = 0; j < dim; j++) {
    const mean = n > 0 ? (sum[j] as number) / n : 0;
    const variance = n > 0 ? Math.max(0, (sumSq[j] as number) / n - mean * mean) : 0;
    centre.push(mean);
    scale.push(Math.sqrt(variance) + (j < source.embeddingDim ? embeddingScaleFloor : scoreScaleFloor));
  }
  return { centre, scale };
}

/** The logit of a probability, clamped so a score of exactly 0 or 1 stays finite: the fusion's own, so a correction head's base column is what the model read. */
export const logitOf = scoreLogit;

/**
 * The training matrix for `rows`: standardised [embedding, scores], plus (for a correction head) the logit of
 * the model's own score for its class as the last column, left unstandardised so a weight of 1 reproduces the
 * model exactly.
 */
export function featureMatrix(source: FeatureSource, rows: ArrayLike<number>, normalizer: FeatureNormalizer, baseIndex: number | null): { x: Float32Array; dim: number } {
  const base = featureCount(source);
  const dim = base + (baseIndex === null ? 0 : 1);
  const x = new Float32Array(rows.length * dim);
  const buffer = new Float64Array(base);
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k] as number;
    rawFeatures(source, row, buffer);
    const offset = k * dim;
    for (let j = 0; j < base; j++) x[offset + j] = ((buffer[j] as number) - (normalizer.centre[j] as number)) / (normalizer.scale[j] as number);
    if (baseIndex !== null) x[offset + base] = logitOf(source.scores[row * source.scoresDim + baseIndex] as number);
  }
  return { x, dim };
}
