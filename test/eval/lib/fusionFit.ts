import { trainSoftmax } from '../../../native-models/heads/softmaxRegression.js';
import { fuseSources, scoreLogit } from '../../../native-models/tagger/fusion.js';

export interface BinaryLinear {
  weights: number[];
  bias: number;
}

/** Per (image, class) rows of source logits, in the order of `sources`, with truth. */
export function fusionRows(sources: readonly (readonly ArrayLike<number>[])[], truth: readonly ReadonlySet<number>[], classes: number) {
  const xs: number[][] = [];
  const ys: number[] = [];
  truth.forEach((t, i) => {
    for (let c = 0; c < classes; c++) {
      xs.push(sources.map((s) => scoreLogit((s[i] as ArrayLike<number>)[c] as number)));
      ys.push(t.has(c) ? 1 : 0);
    }
  });
  return { xs, ys };
}

/** A class-agnostic logistic regression over the sources' logits (the shipped fusion model's form). */
export function fitFusion(xs: readonly number[][], ys: readonly number[], l2 = 1e-3): BinaryLinear {
  const m = trainSoftmax(xs, ys, 2, { l2, iterations: 400, learningRate: 0.05 });
  const w0 = m.weights[0] as number[];
  const w1 = m.weights[1] as number[];
  return { weights: w1.map((w, j) => w - (w0[j] as number)), bias: (m.bias[1] as number) - (m.bias[0] as number) };
}

/**
 * Out-of-fold fused scores: each image is scored by a fusion fitted on the other folds, so the threshold and the
 * F1/mAP read off them are honest estimates of a fusion fitted on all of dev.
 */
export function crossValidatedFusion(sources: readonly (readonly ArrayLike<number>[])[], truth: readonly ReadonlySet<number>[], classes: number, folds = 6): Float32Array[] {
  const n = truth.length;
  const foldOf = Array.from({ length: n }, (_, i) => (i * 7919) % folds);
  const out: Float32Array[] = new Array<Float32Array>(n);
  for (let f = 0; f < folds; f++) {
    const trainIdx = foldOf.flatMap((g, i) => (g === f ? [] : [i]));
    const { xs, ys } = fusionRows(sources.map((s) => trainIdx.map((i) => s[i] as ArrayLike<number>)), trainIdx.map((i) => truth[i] as ReadonlySet<number>), classes);
    const model = fitFusion(xs, ys);
    foldOf.forEach((g, i) => {
      if (g === f) out[i] = fuseSources(model, sources.map((s) => s[i] as ArrayLike<number>), classes);
    });
  }
  return out;
}
