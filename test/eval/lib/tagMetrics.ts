/** Image-level multi-label metrics over a fixed class list. */
export interface PRF {
  precision: number;
  recall: number;
  f1: number;
}

export interface TagMetrics {
  images: number;
  micro: PRF;
  macro: PRF;
  mAP: number;
}

const prf = (tp: number, fp: number, fn: number): PRF => {
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  return { precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
};

/** Non-interpolated average precision of one class's image scores (mean precision at each positive's rank). */
export function averagePrecision(scores: readonly number[], positive: readonly boolean[]): number {
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0]);
  let hits = 0;
  let sum = 0;
  order.forEach(([, i], rank) => {
    if (positive[i]) {
      hits++;
      sum += hits / (rank + 1);
    }
  });
  return hits > 0 ? sum / hits : Number.NaN;
}

/**
 * scores[i][c] = score of class c on image i; truth[i] = set of class indices present. Macro averages over classes
 * present in the truth (others have no recall to speak of); mAP likewise.
 */
export function tagMetrics(scores: readonly ArrayLike<number>[], truth: readonly ReadonlySet<number>[], classes: number, threshold: number): TagMetrics {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const perClass = Array.from({ length: classes }, () => ({ tp: 0, fp: 0, fn: 0 }));
  scores.forEach((row, i) => {
    for (let c = 0; c < classes; c++) {
      const predicted = (row[c] as number) >= threshold;
      const actual = truth[i]?.has(c) ?? false;
      const cell = perClass[c] as { tp: number; fp: number; fn: number };
      if (predicted && actual) {
        tp++;
        cell.tp++;
      } else if (predicted) {
        fp++;
        cell.fp++;
      } else if (actual) {
        fn++;
        cell.fn++;
      }
    }
  });
  const present = perClass.map((c, i) => [c, i] as const).filter(([c]) => c.tp + c.fn > 0);
  const macroParts = present.map(([c]) => prf(c.tp, c.fp, c.fn));
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const aps = present.map(([, c]) => averagePrecision(scores.map((r) => r[c] as number), truth.map((t) => t.has(c))));
  return {
    images: scores.length,
    micro: prf(tp, fp, fn),
    macro: { precision: mean(macroParts.map((p) => p.precision)), recall: mean(macroParts.map((p) => p.recall)), f1: mean(macroParts.map((p) => p.f1)) },
    mAP: mean(aps),
  };
}

/** The threshold (on a grid) that maximises micro-F1, with its F1. */
export function bestThreshold(scores: readonly ArrayLike<number>[], truth: readonly ReadonlySet<number>[], classes: number, grid = thresholdGrid()): { threshold: number; f1: number } {
  let best = { threshold: grid[0] ?? 0.5, f1: -1 };
  for (const t of grid) {
    const f1 = tagMetrics(scores, truth, classes, t).micro.f1;
    if (f1 > best.f1) best = { threshold: t, f1 };
  }
  return best;
}

export function thresholdGrid(from = 0.05, to = 0.95, step = 0.01): number[] {
  const grid: number[] = [];
  for (let t = from; t <= to + 1e-9; t += step) grid.push(Math.round(t * 1000) / 1000);
  return grid;
}
