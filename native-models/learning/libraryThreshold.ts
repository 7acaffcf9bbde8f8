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
