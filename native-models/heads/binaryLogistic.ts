/**
 * Weighted binary logistic regression trained by mini-batch Adam over a row-major Float32Array. Hand-written
 * because the data sets are small (tens to a few thousand rows, ~800 features): a plain loop over typed arrays
 * trains one tag in tens of milliseconds, where `model.fit` on the wasm backend pays per-op overhead thousands
 * of times over.
 */

/** n rows of `dim` features, each with a target in [0, 1] (soft pseudo-labels allowed) and a weight. */
export interface BinaryTrainingSet {
  x: Float32Array;
  dim: number;
  targets: Float32Array;
  weights: Float32Array;
}

export interface LogisticParameters {
  weights: Float64Array;
  bias: number;
}

export interface LogisticEpoch {
  epoch: number;
  /** Weighted mean log-loss over the training rows, before the penalty. */
  loss: number;
}

export interface LogisticTrainOptions {
  epochs: number;
  learningRate?: number;
  /** Rows per Adam step; the whole set when it is smaller. */
  batchSize?: number;
  /** L2 penalty per feature (one number for all, or one per feature), pulling weights towards `prior`. */
  l2: number | Float64Array;
  /** Where the penalty pulls: zero by default; a correction head starts from (and shrinks to) the model it fixes. */
  prior?: LogisticParameters;
  /** Penalty on the bias's distance from the prior bias (default none). */
  biasL2?: number;
  seed?: number;
  /** Called after every epoch with the current parameters (read them, do not keep them). */
  onEpoch?: (epoch: LogisticEpoch, parameters: LogisticParameters) => void;
  /** Polled between steps; true stops training early with the parameters reached so far. */
  shouldStop?: () => boolean;
}

export const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** x·w + b for row `i` of a row-major matrix. */
export function rowLogit(x: Float32Array, dim: number, i: number, weights: ArrayLike<number>, bias: number): number {
  let z = bias;
  const base = i * dim;
  for (let j = 0; j < dim; j++) z += (x[base + j] as number) * (weights[j] as number);
  return z;
}

/** Weighted mean binary cross-entropy of the current parameters over the set. */
export function logisticLoss(set: BinaryTrainingSet, parameters: LogisticParameters): number {
  const n = set.targets.length;
  let total = 0;
  let weightSum = 0;
  for (let i = 0; i < n; i++) {
    const w = set.weights[i] as number;
    if (w <= 0) continue;
    const z = rowLogit(set.x, set.dim, i, parameters.weights, parameters.bias);
    const y = set.targets[i] as number;
    // log(1 + e^z) − y·z, computed without overflow.
    const softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    total += w * (softplus - y * z);
    weightSum += w;
  }
  return weightSum > 0 ? total / weightSum : 0;
}

function shuffledOrder(n: number, random: () => number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
  return order;
}

/** Mulberry32: a training run with the same seed and data gives the same head on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Minimises  Σᵢ wᵢ·BCE(σ(xᵢ·θ + b), yᵢ) / Σᵢ wᵢ  +  ½·Σⱼ λⱼ (θⱼ − θ⁰ⱼ)²  (+ ½·λ_b (b − b⁰)²).
 * Each mini-batch's data term is normalised by the whole set's weight so that every epoch weighs the data the
 * same way whatever the batch size.
 */
export function trainLogistic(set: BinaryTrainingSet, options: LogisticTrainOptions): LogisticParameters {
  const { dim, x, targets, weights: rowWeights } = set;
  const n = targets.length;
  if (x.length !== n * dim || rowWeights.length !== n) throw new Error(`training set shape mismatch: ${x.length} values for ${n} rows of ${dim}`);
  const lr = options.learningRate ?? 0.05;
  const batchSize = Math.max(1, Math.min(n, options.batchSize ?? n));
  const prior = options.prior;
  const l2 = options.l2;
  const biasL2 = options.biasL2 ?? 0;
  const random = seededRandom(options.seed ?? 1);
  let weightSum = 0;
  for (let i = 0; i < n; i++) weightSum += Math.max(0, rowWeights[i] as number);
  if (weightSum <= 0) throw new Error('the training set has no weighted rows');

  const theta = new Float64Array(dim);
  let bias = prior?.bias ?? 0;
  if (prior) theta.set(prior.weights);
  const grad = new Float64Array(dim);
  const m = new Float64Array(dim + 1);
  const v = new Float64Array(dim + 1);
  const beta1 = 0.9;
  const beta2 = 0.999;
  let step = 0;
  const batchesPerEpoch = Math.ceil(n / batchSize);
  // Penalty per full pass equals the stated one: each of the epoch's steps carries its share.
  const penaltyShare = 1 / batchesPerEpoch;

  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const order = batchSize < n ? shuffledOrder(n, random) : null;
    for (let start = 0; start < n; start += batchSize) {
      if (options.shouldStop?.()) return { weights: theta, bias };
      grad.fill(0);
      let gradBias = 0;
      const end = Math.min(n, start + batchSize);
      for (let k = start; k < end; k++) {
        const i = order ? (order[k] as number) : k;
        const w = rowWeights[i] as number;
        if (w <= 0) continue;
        const base = i * dim;
        let z = bias;
        for (let j = 0; j < dim; j++) z += (x[base + j] as number) * (theta[j] as number);
        const g = (w * (sigmoid(z) - (targets[i] as number))) / weightSum;
        if (g === 0) continue;
        for (let j = 0; j < dim; j++) grad[j] = (grad[j] as number) + g * (x[base + j] as number);
        gradBias += g;
      }
      step++;
      const c1 = 1 / (1 - beta1 ** step);
      const c2 = 1 / (1 - beta2 ** step);
      for (let j = 0; j <= dim; j++) {
        let g: number;
        if (j < dim) {
          const lambda = typeof l2 === 'number' ? l2 : (l2[j] as number);
          const anchor = prior ? (prior.weights[j] as number) : 0;
          g = (grad[j] as number) + penaltyShare * lambda * ((theta[j] as number) - anchor);
        } else {
          g = gradBias + penaltyShare * biasL2 * (bias - (prior?.bias ?? 0));
        }
        const mj = beta1 * (m[j] as number) + (1 - beta1) * g;
        const vj = beta2 * (v[j] as number) + (1 - beta2) * g * g;
        m[j] = mj;
        v[j] = vj;
        const delta = (lr * mj * c1) / (Math.sqrt(vj * c2) + 1e-8);
        if (j < dim) theta[j] = (theta[j] as number) - delta;
        else bias -= delta;
      }
    }
    if (options.onEpoch) options.onEpoch({ epoch, loss: logisticLoss(set, { weights: theta, bias }) }, { weights: theta, bias });
  }
  return { weights: theta, bias };
}
