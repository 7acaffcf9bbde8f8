/** Precision, recall and F1 of thresholded confidences against 0/1 targets, with the counts behind them. */
export interface BinaryMetrics {
  precision: number;
  recall: number;
  f1: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
}

export function metricsFromCounts(tp: number, fp: number, fn: number, tn: number): BinaryMetrics {
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  // With nothing to find and nothing claimed, a classifier is perfect on these rows, not useless.
  const f1 = tp + fp + fn === 0 ? 1 : (2 * tp) / (2 * tp + fp + fn);
  return { precision, recall, f1, truePositives: tp, falsePositives: fp, falseNegatives: fn, trueNegatives: tn };
}

/** Metrics over `rows` (indices into scores/targets), or all of them. */
export function binaryMetrics(scores: ArrayLike<number>, targets: ArrayLike<number>, threshold: number, rows?: ArrayLike<number>): BinaryMetrics {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  const n = rows ? rows.length : scores.length;
  for (let k = 0; k < n; k++) {
    const i = rows ? (rows[k] as number) : k;
    const predicted = (scores[i] as number) >= threshold;
    const actual = (targets[i] as number) >= 0.5;
    if (predicted && actual) tp++;
    else if (predicted) fp++;
    else if (actual) fn++;
    else tn++;
  }
  return metricsFromCounts(tp, fp, fn, tn);
}
