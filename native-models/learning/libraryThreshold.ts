/**
 * A new tag's threshold, chosen for the library it will tag. The user gives a few examples and no "no"s; the
 * library's other photos are unlabelled (mostly not the tag, some of them are). A fixed threshold let "pet" taught
 * from five cats reach pizzas and laptops: the head had only ever been told those photos were weak "no"s.
 *
 * Positive-unlabelled rule (Lee & Liu 2003): with r(t) the share of positives scoring at or above t (measured on
 * examples the head did not train on: out-of-fold) and u(t) the share of library photos at or above t, r²/u is
 * proportional to precision × recall whatever the unknown share of positives in the library — so the t that
 * maximises it is the best trade-off the unlabelled photos can show. r(t) must stay at or above `minRecall` (a
 * threshold above most examples would tag almost nothing), and u(t) is smoothed so that a threshold no library
 * photo reaches is not infinitely good.
 */
export interface LibraryThresholdRule {
  /** Out-of-fold share of the examples the threshold must keep. */
  minRecall: number;
  /** Added to the count of library photos above a threshold (and to the library size) before dividing. */
  smoothing: number;
  /** The threshold never goes below this (the recipe's fixed threshold). */
  floor: number;
}

export interface LibraryThreshold {
  threshold: number;
  /** Out-of-fold share of the examples at or above it. */
  recall: number;
  /** Library photos (of those sampled) at or above it. */
  libraryCount: number;
  librarySize: number;
}

/** Picks the threshold from the examples' out-of-fold scores and the unlabelled library photos' scores. */
export function chooseLibraryThreshold(positiveScores: ArrayLike<number>, libraryScores: ArrayLike<number>, rule: LibraryThresholdRule): LibraryThreshold {
  const positives = Array.from(positiveScores).sort((a, b) => b - a);
  const library = Array.from(libraryScores).sort((a, b) => b - a);
  const countAtLeast = (t: number) => {
    // library is sorted descending: binary search for the first score below t.
    let lo = 0;
    let hi = library.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((library[mid] as number) >= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  let best: LibraryThreshold = { threshold: rule.floor, recall: positives.filter((s) => s >= rule.floor).length / Math.max(1, positives.length), libraryCount: countAtLeast(rule.floor), librarySize: library.length };
  let bestValue = -1;
  // Candidates: each example's score (a threshold just at it keeps it), never below the floor.
  for (let k = 0; k < positives.length; k++) {
    const t = Math.max(rule.floor, positives[k] as number);
    const recall = positives.filter((s) => s >= t).length / positives.length;
    if (recall < rule.minRecall) continue;
    const count = countAtLeast(t);
    const value = (recall * recall) / ((count + rule.smoothing) / (library.length + rule.smoothing));
    if (value > bestValue) {
      bestValue = value;
      best = { threshold: t, recall, libraryCount: count, librarySize: library.length };
    }
  }
  return best;
}

/**
 * With more examples, the rule above is too strict: the threshold that keeps every example (and never goes below
 * 0.4) left a ten-example *vehicle* or *sport* tagging under half its photos. From enough examples their
 * out-of-fold scores say where the tag's photos in the library will score, and the library's scores say how many
 * photos score there, so the threshold can aim for the best estimated F1 instead:
 *
 * - the tag's photos' scores are modelled as a normal on the logit scale, fitted to the out-of-fold scores (its
 *   spread never below `minSpread`: ten scores can sit unusually close), which gives r(t), the estimated share of
 *   the tag's photos at or above t, smoothly between the examples' own scores;
 * - the tag's share of the library, π, is estimated at the threshold that keeps `prevalenceRecall` of its photos:
 *   the library photos at or above it are about π·r of the library (plus the other photos that score there: where
 *   the head confuses the tag with something else, π is over-estimated and so is the precision — no rule that
 *   sees only unlabelled photos can tell a crowd of look-alikes from more of the tag);
 * - each threshold on a grid between `floor` and `ceiling` gets an estimated precision π·r(t)/u(t) (u: the share
 *   of library photos at or above it) and recall r(t); the one with the best F1 wins (the lowest of equals).
 */
export interface EstimatedF1Rule {
  floor: number;
  ceiling: number;
  /** The estimated recall at which the tag's share of the library is read off. */
  prevalenceRecall: number;
  /** The fitted spread's floor, on the logit scale. */
  minSpread: number;
}

export interface EstimatedF1Threshold extends LibraryThreshold {
  /** The estimated share of the library that is the tag. */
  prevalence: number;
  estimatedPrecision: number;
  estimatedRecall: number;
}

const clampedLogit = (p: number): number => {
  const q = Math.min(1 - 1e-4, Math.max(1e-4, p));
  return Math.log(q / (1 - q));
};

/** Standard normal cumulative distribution (Abramowitz & Stegun 7.1.26, error below 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** The z with normalCdf(z) = p (Acklam's rational approximation, relative error below 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`normalQuantile takes a probability strictly between 0 and 1, not ${p}`);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}

/** Picks the threshold with the best estimated F1 in the library (see EstimatedF1Rule). Needs two examples or more. */
export function chooseEstimatedF1Threshold(positiveScores: ArrayLike<number>, libraryScores: ArrayLike<number>, rule: EstimatedF1Rule): EstimatedF1Threshold {
  const logits = Array.from(positiveScores, clampedLogit);
  if (logits.length < 2) throw new Error('chooseEstimatedF1Threshold needs at least two out-of-fold scores');
  const mean = logits.reduce((s, v) => s + v, 0) / logits.length;
  const spread = Math.max(rule.minSpread, Math.sqrt(logits.reduce((s, v) => s + (v - mean) ** 2, 0) / (logits.length - 1)));
  const recallAt = (t: number) => 1 - normalCdf((clampedLogit(t) - mean) / spread);
  const library = Array.from(libraryScores);
  const size = Math.max(1, library.length);
  const countAtLeast = (t: number) => library.reduce((n, s) => n + (s >= t ? 1 : 0), 0);
  const prevalenceAt = 1 / (1 + Math.exp(-(mean - spread * normalQuantile(rule.prevalenceRecall))));
  const prevalence = Math.min(1, countAtLeast(prevalenceAt) / size / rule.prevalenceRecall);
  const steps = 40;
  let best: EstimatedF1Threshold | null = null;
  let bestF1 = -1;
  for (let k = 0; k <= steps; k++) {
    const t = rule.floor + ((rule.ceiling - rule.floor) * k) / steps;
    const recall = recallAt(t);
    const count = countAtLeast(t);
    // One photo more than counted: a threshold no library photo reaches is not thereby perfectly precise.
    const precision = Math.min(1, (prevalence * recall) / ((count + 1) / size));
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    if (f1 > bestF1) {
      bestF1 = f1;
      best = {
        threshold: t,
        recall: logits.filter((z) => z >= clampedLogit(t)).length / logits.length,
        libraryCount: count,
        librarySize: library.length,
        prevalence,
        estimatedPrecision: precision,
        estimatedRecall: recall,
      };
    }
  }
  return best as EstimatedF1Threshold;
}
