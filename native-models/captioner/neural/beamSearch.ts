import type { DecodeLimits, Hypothesis, NextTokenLogProbs } from './decodingTypes.js';

export interface BeamSearchOptions extends DecodeLimits {
  /** Hypotheses kept per step. 1 is close to greedy; 3–5 is usual for captioning. */
  beamWidth: number;
  /**
   * GNMT length penalty α: hypotheses are ranked by logProb / ((5 + length) / 6)^α. 0 ranks by total probability,
   * which favours short captions (every extra token costs probability); around 0.6–1 offsets that.
   */
  lengthPenalty?: number;
}

interface Beam {
  tokenIds: number[];
  logProb: number;
}

export function lengthPenaltyFactor(length: number, alpha: number): number {
  return alpha === 0 ? 1 : ((5 + length) / 6) ** alpha;
}

/** The score beam search ranks finished captions by. */
export function beamScore(logProb: number, length: number, alpha: number): number {
  return logProb / lengthPenaltyFactor(length, alpha);
}

/** Ids of the k largest entries, largest first (lower id first on ties). */
function topTokens(row: Float32Array, k: number): number[] {
  const best: number[] = [];
  for (let id = 0; id < row.length; id++) {
    const value = row[id] as number;
    if (best.length === k && !(value > (row[best[k - 1] as number] as number))) continue;
    let at = best.length;
    while (at > 0 && (row[best[at - 1] as number] as number) < value) at--;
    best.splice(at, 0, id);
    if (best.length > k) best.pop();
  }
  return best;
}

/** Throws a RangeError for a width or penalty beam search cannot use; returns the length penalty α. */
export function checkBeamOptions(options: { beamWidth: number; lengthPenalty?: number }): number {
  if (!Number.isInteger(options.beamWidth) || options.beamWidth < 1) throw new RangeError(`beamWidth must be a whole number ≥ 1, got ${options.beamWidth}`);
  const alpha = options.lengthPenalty ?? 0;
  if (!Number.isFinite(alpha) || alpha < 0) throw new RangeError(`lengthPenalty must be a finite number ≥ 0, got ${options.lengthPenalty}`);
  return alpha;
}

/**
 * Beam search over a causal decoder: keeps the `beamWidth` most probable partial captions, moves those that
 * produce <end> to a pool of finished captions, and returns the pool best first (at most `beamWidth` entries).
 * Captions still open at maxLength join the pool marked incomplete, so there is always an answer.
 */
export async function beamSearch(next: NextTokenLogProbs, options: BeamSearchOptions): Promise<Hypothesis[]> {
  const alpha = checkBeamOptions(options);
  const { beamWidth, startId, endId, maxLength } = options;
  const score = (h: Beam) => beamScore(h.logProb, h.tokenIds.length, alpha);
  const finished: Hypothesis[] = [];
  const offer = (h: Hypothesis) => {
    finished.push(h);
    // Stable sort: among equal scores the one found first (shorter, or higher ranked) stays ahead.
    finished.sort((a, b) => score(b) - score(a));
    if (finished.length > beamWidth) finished.pop();
  };

  let alive: Beam[] = [{ tokenIds: [], logProb: 0 }];
  for (let step = 0; step < maxLength && alive.length > 0; step++) {
    const rows = await next(alive.map((beam) => [startId, ...beam.tokenIds]));
    if (rows.length !== alive.length) throw new Error(`the decoder scored ${rows.length} sequences, expected ${alive.length}`);
    const candidates: { parent: number; token: number; logProb: number }[] = [];
    alive.forEach((beam, parent) => {
      const row = rows[parent] as Float32Array;
      // beamWidth + 1 per beam: even if one of them is <end>, each beam can still fill the whole next beam.
      for (const token of topTokens(row, Math.min(beamWidth + 1, row.length))) {
        candidates.push({ parent, token, logProb: beam.logProb + (row[token] as number) });
      }
    });
    candidates.sort((a, b) => b.logProb - a.logProb || a.parent - b.parent || a.token - b.token);

    const nextAlive: Beam[] = [];
    for (const [rank, candidate] of candidates.entries()) {
      if (nextAlive.length === beamWidth) break;
      const tokenIds = [...(alive[candidate.parent] as Beam).tokenIds, candidate.token];
      if (candidate.token !== endId) nextAlive.push({ tokenIds, logProb: candidate.logProb });
      // An <end> ranked below the beam is a caption the search would not have kept had it been open. (It never beats
      // the <end> ranked above it, all being one length, so this shapes only the alternatives returned.)
      else if (rank < beamWidth) offer({ tokenIds, logProb: candidate.logProb, complete: true });
    }
    alive = nextAlive;

    // Log-probs only fall as tokens are added, so no open caption can score above its current logProb divided
    // by the largest penalty factor (at maxLength). Once that cannot beat the worst kept caption, stop: exact,
    // not a heuristic, so the answer is what running on to maxLength would give.
    const worst = finished[beamWidth - 1];
    if (worst && alive.length > 0) {
      const bound = Math.max(...alive.map((b) => (b.logProb <= 0 ? b.logProb / lengthPenaltyFactor(maxLength, alpha) : b.logProb / lengthPenaltyFactor(b.tokenIds.length + 1, alpha))));
      if (bound <= score(worst)) alive = [];
    }
  }
  for (const beam of alive) offer({ ...beam, complete: false });
  return finished;
}
