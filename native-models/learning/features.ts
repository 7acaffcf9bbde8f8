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

/** How a new tag's head shares what it learns on one detector class with related ones (learningRecipe.newTag.classSharing). */
export interface ClassSharingRule {
  /** Share of each smoothed class-score feature that comes from its related classes (0 = none). */
  weight: number;
  /** Related classes kept per class, at most. */
  neighbours: number;
  /** Photos read (evenly spaced over the library), at most. */
  rows: number;
}

/**
 * The class-sharing matrix M (scoresDim × scoresDim, row-major) of the smoothed class-score features x' = x·M:
 * M = (1 − weight)·I + weight·R, column j of R spreading class j's feature over the `neighbours` classes most
 * related to it in this library (positive relatedness only, normalised to sum 1; a class with none keeps itself).
 * Measured on the library's unlabelled photos, never on labels: two classes are related when the detector finds
 * them together (the correlation of their scores over the library's photos).
 * A head trained on x' has weights w' for the standardised scores M·w', so the stored head keeps its shape.
 */
export function classSharingMatrix(source: FeatureSource, rule: ClassSharingRule): Float64Array {
  const { scoresDim: s } = source;
  const n = rowCount(source);
  const step = Math.max(1, Math.ceil(n / rule.rows));
  const related = new Float64Array(s * s);
  const sum = new Float64Array(s);
  const cross = new Float64Array(s * s);
  let count = 0;
  for (let row = 0; row < n; row += step) {
    count++;
    for (let a = 0; a < s; a++) {
      const va = source.scores[row * s + a] as number;
      sum[a] = (sum[a] as number) + va;
      if (va === 0) continue;
      for (let b = 0; b < s; b++) cross[a * s + b] = (cross[a * s + b] as number) + va * (source.scores[row * s + b] as number);
    }
  }
  for (let a = 0; a < s; a++) {
    for (let b = 0; b < s; b++) {
      if (a === b || count === 0) continue;
      const cov = (cross[a * s + b] as number) / count - ((sum[a] as number) / count) * ((sum[b] as number) / count);
      const va = (cross[a * s + a] as number) / count - ((sum[a] as number) / count) ** 2;
      const vb = (cross[b * s + b] as number) / count - ((sum[b] as number) / count) ** 2;
      related[a * s + b] = va > 1e-9 && vb > 1e-9 ? cov / Math.sqrt(va * vb) : 0;
    }
  }
  const matrix = new Float64Array(s * s);
  for (let j = 0; j < s; j++) {
    const nearest = Array.from({ length: s }, (_, i) => i)
      .filter((i) => i !== j && (related[j * s + i] as number) > 0)
      .sort((a, b) => (related[j * s + b] as number) - (related[j * s + a] as number))
      .slice(0, rule.neighbours);
    const total = nearest.reduce((acc, i) => acc + (related[j * s + i] as number), 0);
    matrix[j * s + j] = total > 0 ? 1 - rule.weight : 1;
    for (const i of nearest) matrix[i * s + j] = (matrix[i * s + j] as number) + (rule.weight * (related[j * s + i] as number)) / total;
  }
  return matrix;
}

/** x's class-score block (columns `offset`… of each `dim`-wide row) replaced by x·M, in place. */
export function shareClassScores(x: Float32Array, dim: number, offset: number, matrix: Float64Array, scoresDim: number): void {
  const rows = x.length / dim;
  const buffer = new Float64Array(scoresDim);
  for (let r = 0; r < rows; r++) {
    const base = r * dim + offset;
    for (let j = 0; j < scoresDim; j++) {
      let v = 0;
      for (let i = 0; i < scoresDim; i++) v += (x[base + i] as number) * (matrix[i * scoresDim + j] as number);
      buffer[j] = v;
    }
    for (let j = 0; j < scoresDim; j++) x[base + j] = buffer[j] as number;
  }
}

/** Weights learnt on x·M as weights on x: M·w (the class-score block of `weights`, in place). */
export function unshareClassWeights(weights: Float64Array, offset: number, matrix: Float64Array, scoresDim: number): void {
  const folded = new Float64Array(scoresDim);
  for (let i = 0; i < scoresDim; i++) {
    let v = 0;
    for (let j = 0; j < scoresDim; j++) v += (matrix[i * scoresDim + j] as number) * (weights[offset + j] as number);
    folded[i] = v;
  }
  for (let i = 0; i < scoresDim; i++) weights[offset + i] = folded[i] as number;
}
