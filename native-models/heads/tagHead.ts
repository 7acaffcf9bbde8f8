import { logitOf, rowCount, type FeatureNormalizer, type FeatureSource } from '../learning/features.js';
import { sigmoid } from './binaryLogistic.js';

/**
 * 'new-tag': a tag the models do not know ("beach", "my bike"), learnt from the user's examples.
 * 'correction': re-scores one of the model's own tags, starting from (and shrunk towards) the model's score.
 */
export type TagHeadKind = 'new-tag' | 'correction';

/**
 * A one-vs-rest sigmoid head for one tag, as plain JSON-safe data so every version can be stored and rolled back
 * to. Confidence = σ(w · standardise([embedding, scores]) (+ w_base · logit(model score)) + b).
 */
export interface TagHead {
  kind: TagHeadKind;
  /** The vector versions it was trained on: vectors of another version are not comparable. */
  inputs: { embedding: string; scores: string };
  /** A correction head's class in the stored scores, whose logit is its last feature; null for a new tag. */
  baseIndex: number | null;
  normalizer: FeatureNormalizer;
  weights: number[];
  bias: number;
  /** Confidence at or above which the tag is suggested. */
  threshold: number;
}

/** A head with its standardisation folded into the weights, ready to score whole libraries fast. */
export interface CompiledHead {
  embeddingWeights: Float32Array;
  scoreWeights: Float32Array;
  baseIndex: number | null;
  baseWeight: number;
  bias: number;
  threshold: number;
}

export function compileHead(head: TagHead, embeddingDim: number, scoresDim: number): CompiledHead {
  const { centre, scale } = head.normalizer;
  if (centre.length !== embeddingDim + scoresDim) throw new Error(`a head for ${centre.length} features cannot read ${embeddingDim}+${scoresDim}-dimensional vectors`);
  const embeddingWeights = new Float32Array(embeddingDim);
  const scoreWeights = new Float32Array(scoresDim);
  // w·(x − c)/s = Σ (w/s)·x − Σ w·c/s: the centring becomes a constant in the bias.
  let bias = head.bias;
  for (let j = 0; j < embeddingDim + scoresDim; j++) {
    const w = (head.weights[j] as number) / (scale[j] as number);
    bias -= w * (centre[j] as number);
    if (j < embeddingDim) embeddingWeights[j] = w;
    else scoreWeights[j - embeddingDim] = w;
  }
  const baseWeight = head.baseIndex === null ? 0 : (head.weights[embeddingDim + scoresDim] as number);
  return { embeddingWeights, scoreWeights, baseIndex: head.baseIndex, baseWeight, bias, threshold: head.threshold };
}

/** The head's logit for one row of a feature source. */
export function compiledLogit(head: CompiledHead, source: FeatureSource, row: number): number {
  const { embeddingDim: e, scoresDim: s } = source;
  let dot = 0;
  const eBase = row * e;
  const ew = head.embeddingWeights;
  for (let j = 0; j < e; j++) dot += (source.embeddings[eBase + j] as number) * (ew[j] as number);
  let z = head.bias + dot * (source.embeddingScales[row] as number);
  const sBase = row * s;
  const sw = head.scoreWeights;
  for (let j = 0; j < s; j++) z += (source.scores[sBase + j] as number) * (sw[j] as number);
  if (head.baseIndex !== null) z += head.baseWeight * logitOf(source.scores[sBase + head.baseIndex] as number);
  return z;
}

/** Confidence of every row (or the listed rows) of a source. */
export function scoreRows(head: CompiledHead, source: FeatureSource, rows?: ArrayLike<number>): Float32Array {
  const n = rows ? rows.length : rowCount(source);
  const out = new Float32Array(n);
  for (let k = 0; k < n; k++) out[k] = sigmoid(compiledLogit(head, source, rows ? (rows[k] as number) : k));
  return out;
}

/**
 * Scores every row under several heads. One tight loop per head (a scalar accumulator the JIT keeps in a
 * register) measured faster than one pass sharing the reads across heads: 13 heads × 99,000 photos in 1.4 s
 * against 1.7 s.
 */
export function scoreAllRows(heads: readonly CompiledHead[], source: FeatureSource): Float32Array[] {
  return heads.map((head) => scoreRows(head, source));
}
