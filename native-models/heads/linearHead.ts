import { softmax, softmaxLogits, trainSoftmax } from './softmaxRegression.js';
import type { SoftmaxModel } from './softmaxRegression.js';

/**
 * A linear classifier on photo embeddings, stored as plain data (JSON-safe) so a user's trained tags survive a
 * restart. Inputs are centred on the training mean before the weights apply: the raw embeddings share a large
 * common component that would otherwise dominate a handful of examples.
 */
export interface LinearHead {
  labels: string[];
  mean: number[];
  model: SoftmaxModel;
}

export interface LabelScore {
  label: string;
  confidence: number;
}

export interface TrainHeadOptions {
  /** L2 penalty; larger when there are very few examples. */
  l2?: number;
  iterations?: number;
}

const centre = (v: ArrayLike<number>, mean: readonly number[]): number[] => mean.map((m, j) => (v[j] as number) - m);

/**
 * Trains a head from labelled embeddings (5–10 per label is the intended regime). For a single new tag, pass the
 * user's examples under its name and some other library photos under e.g. 'other'. Classes are weighted equally
 * whatever their example counts.
 */
export function trainLinearHead(embeddings: readonly ArrayLike<number>[], labels: readonly string[], options: TrainHeadOptions = {}): LinearHead {
  if (embeddings.length === 0 || embeddings.length !== labels.length) throw new Error('trainLinearHead needs one label per embedding and at least one example');
  const names = [...new Set(labels)].sort();
  if (names.length < 2) throw new Error('trainLinearHead needs examples of at least two labels (add negatives)');
  const dim = embeddings[0]?.length ?? 0;
  const mean = new Array<number>(dim).fill(0);
  for (const e of embeddings) for (let j = 0; j < dim; j++) mean[j] = (mean[j] as number) + (e[j] as number) / embeddings.length;
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  const model = trainSoftmax(
    embeddings.map((e) => centre(e, mean)),
    labels.map((l) => names.indexOf(l)),
    names.length,
    { l2: options.l2 ?? 1e-3, iterations: options.iterations ?? 300, learningRate: 0.05, sampleWeights: labels.map((l) => 1 / (counts.get(l) as number)) },
  );
  return { labels: names, mean, model };
}

/** Label probabilities for one embedding, most likely first. */
export function applyLinearHead(head: LinearHead, embedding: ArrayLike<number>): LabelScore[] {
  const p = softmax(softmaxLogits(head.model, centre(embedding, head.mean)));
  return head.labels.map((label, k) => ({ label, confidence: p[k] as number })).sort((a, b) => b.confidence - a.confidence);
}
