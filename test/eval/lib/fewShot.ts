import { applyLinearHead, trainLinearHead } from '../../../native-models/heads/linearHead.js';

export type FewShotMethod = 'centroid' | 'logistic';

const l2 = (v: number[]) => {
  const n = Math.hypot(...v) || 1;
  return v.map((x) => x / n);
};

/** Predicts a label for each query from labelled examples: nearest class centroid (cosine, centred) or the shipped linear head. */
export function fewShotPredict(train: readonly ArrayLike<number>[], labels: readonly string[], queries: readonly ArrayLike<number>[], method: FewShotMethod): string[] {
  if (method === 'logistic') {
    const head = trainLinearHead(train, labels);
    return queries.map((q) => applyLinearHead(head, q)[0]?.label ?? '');
  }
  const dim = train[0]?.length ?? 0;
  const mean = new Array<number>(dim).fill(0);
  for (const t of train) for (let j = 0; j < dim; j++) mean[j] = (mean[j] as number) + (t[j] as number) / train.length;
  const centred = (v: ArrayLike<number>) => l2(mean.map((m, j) => (v[j] as number) - m));
  const names = [...new Set(labels)].sort();
  const centroids = names.map((name) => {
    const acc = new Array<number>(dim).fill(0);
    train.forEach((t, i) => {
      if (labels[i] === name) centred(t).forEach((v, j) => (acc[j] = (acc[j] as number) + v));
    });
    return l2(acc);
  });
  return queries.map((q) => {
    const v = centred(q);
    const sims = centroids.map((c) => c.reduce((a, x, j) => a + x * (v[j] as number), 0));
    return names[sims.indexOf(Math.max(...sims))] ?? '';
  });
}

/** Mean over classes of per-class F1 (single-label predictions). */
export function meanF1(predicted: readonly string[], actual: readonly string[]): number {
  const classes = [...new Set(actual)];
  const f1s = classes.map((c) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    predicted.forEach((p, i) => {
      if (p === c && actual[i] === c) tp++;
      else if (p === c) fp++;
      else if (actual[i] === c) fn++;
    });
    return tp ? (2 * tp) / (2 * tp + fp + fn) : 0;
  });
  return f1s.reduce((a, b) => a + b, 0) / f1s.length;
}

/** A small seeded generator, so repeated few-shot draws are the same on every run. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** `shots` random examples per class from `pool`, the rest of the pool as queries. */
export function drawShots(pool: readonly string[], labelOf: (f: string) => string, shots: number, random: () => number): { train: string[]; rest: string[] } {
  const byClass = new Map<string, string[]>();
  for (const f of pool) byClass.set(labelOf(f), [...(byClass.get(labelOf(f)) ?? []), f]);
  const train: string[] = [];
  const rest: string[] = [];
  for (const files of byClass.values()) {
    const shuffled = files.map((f) => [random(), f] as const).sort((a, b) => a[0] - b[0]).map(([, f]) => f);
    train.push(...shuffled.slice(0, shots));
    rest.push(...shuffled.slice(shots));
  }
  return { train, rest };
}
