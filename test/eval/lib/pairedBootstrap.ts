import { seededRandom } from '../../../native-models/heads/binaryLogistic.js';

/** One photo's counts of correct, spurious and missed tags. */
export interface PhotoCounts {
  tp: number;
  fp: number;
  fn: number;
}

const microF1 = (rows: readonly PhotoCounts[], pick: readonly number[]): number => {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const i of pick) {
    const r = rows[i] as PhotoCounts;
    tp += r.tp;
    fp += r.fp;
    fn += r.fn;
  }
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
};

/**
 * The 95 % interval of micro-F1(after) − micro-F1(before) over the same photos, resampling photos with
 * replacement. Paired: both sides see the same resample, so photo-to-photo difficulty cancels out and the interval
 * is far narrower than either F1's own (±0.035 on 114 coco photos). An interval above 0 is a measurable lift.
 */
export function pairedF1Interval(before: readonly PhotoCounts[], after: readonly PhotoCounts[], resamples = 2000, seed = 11): [number, number] {
  if (before.length !== after.length || before.length === 0) throw new Error('paired bootstrap needs the same, non-empty photos on both sides');
  const random = seededRandom(seed);
  const n = before.length;
  const diffs: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const pick = Array.from({ length: n }, () => Math.floor(random() * n));
    diffs.push(microF1(after, pick) - microF1(before, pick));
  }
  diffs.sort((a, b) => a - b);
  const at = (q: number) => diffs[Math.min(resamples - 1, Math.floor(q * resamples))] as number;
  return [at(0.025), at(0.975)];
}
