/** A trained linear softmax classifier: logits = W·x + b. Plain arrays so it can be stored as JSON. */
export interface SoftmaxModel {
  weights: number[][];
  bias: number[];
}

export interface SoftmaxTrainOptions {
  /** L2 penalty on the weights (not the bias), per example. */
  l2?: number;
  iterations?: number;
  learningRate?: number;
  /** Per-example weights, e.g. to balance classes. */
  sampleWeights?: readonly number[];
}

export function softmaxLogits(model: SoftmaxModel, x: ArrayLike<number>): number[] {
  return model.weights.map((w, k) => {
    let z = model.bias[k] as number;
    for (let j = 0; j < w.length; j++) z += (w[j] as number) * (x[j] as number);
    return z;
  });
}

export function softmax(logits: readonly number[]): number[] {
  const m = Math.max(...logits);
  const e = logits.map((z) => Math.exp(z - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/**
 * Fits multinomial logistic regression by full-batch gradient descent with Adam steps. The data sets here are small
 * (tens to a few thousand rows, ≤ 1k features), where this converges in well under a second and needs no library.
 */
export function trainSoftmax(xs: readonly ArrayLike<number>[], labels: readonly number[], classes: number, options: SoftmaxTrainOptions = {}): SoftmaxModel {
  const dim = xs[0]?.length ?? 0;
  const l2 = options.l2 ?? 1e-3;
  const iterations = options.iterations ?? 300;
  const lr = options.learningRate ?? 0.05;
  const sw = options.sampleWeights ?? xs.map(() => 1);
  const total = sw.reduce((a, b) => a + b, 0);
  const weights = Array.from({ length: classes }, () => new Float64Array(dim));
  const bias = new Float64Array(classes);
  const m = Array.from({ length: classes }, () => new Float64Array(dim + 1));
  const v = Array.from({ length: classes }, () => new Float64Array(dim + 1));
  const model = (): SoftmaxModel => ({ weights: weights.map((w) => [...w]), bias: [...bias] });
  for (let t = 1; t <= iterations; t++) {
    const grad = Array.from({ length: classes }, () => new Float64Array(dim + 1));
    const current = model();
    xs.forEach((x, i) => {
      const p = softmax(softmaxLogits(current, x));
      const wi = (sw[i] as number) / total;
      for (let k = 0; k < classes; k++) {
        const g = ((p[k] as number) - (labels[i] === k ? 1 : 0)) * wi;
        const gk = grad[k] as Float64Array;
        for (let j = 0; j < dim; j++) gk[j] = (gk[j] as number) + g * (x[j] as number);
        gk[dim] = (gk[dim] as number) + g;
      }
    });
    for (let k = 0; k < classes; k++) {
      const wk = weights[k] as Float64Array;
      const gk = grad[k] as Float64Array;
      const mk = m[k] as Float64Array;
      const vk = v[k] as Float64Array;
      for (let j = 0; j <= dim; j++) {
        const g = (gk[j] as number) + (j < dim ? l2 * (wk[j] as number) : 0);
        mk[j] = 0.9 * (mk[j] as number) + 0.1 * g;
        vk[j] = 0.999 * (vk[j] as number) + 0.001 * g * g;
        const step = (lr * ((mk[j] as number) / (1 - 0.9 ** t))) / (Math.sqrt((vk[j] as number) / (1 - 0.999 ** t)) + 1e-8);
        if (j < dim) wk[j] = (wk[j] as number) - step;
        else bias[k] = (bias[k] as number) - step;
      }
    }
  }
  return model();
}
