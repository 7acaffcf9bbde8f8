import type { CenternetPeak } from './centernet.js';

const iou = (a: readonly number[], b: readonly number[]): number => {
  const w = Math.min(a[2] as number, b[2] as number) - Math.max(a[0] as number, b[0] as number);
  const h = Math.min(a[3] as number, b[3] as number) - Math.max(a[1] as number, b[1] as number);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  const area = (r: readonly number[]) => ((r[2] as number) - (r[0] as number)) * ((r[3] as number) - (r[1] as number));
  return inter / (area(a) + area(b) - inter);
};

/**
 * The instances of each class: heatmap peaks at or above `minScore`, with same-class boxes that overlap by more
 * than `maxOverlap` merged. CenterNet's 3×3 peak test alone double-counts large objects whose centre spans cells.
 */
export function instancesByClass(peaks: readonly CenternetPeak[], minScore: number, maxOverlap = 0.6): Map<number, CenternetPeak[]> {
  const byClass = new Map<number, CenternetPeak[]>();
  for (const peak of [...peaks].sort((a, b) => b.score - a.score)) {
    if (peak.score < minScore) break;
    const kept = byClass.get(peak.classIndex) ?? [];
    if (kept.every((k) => iou(k.box, peak.box) <= maxOverlap)) kept.push(peak);
    byClass.set(peak.classIndex, kept);
  }
  return byClass;
}
