import { describe, expect, it } from 'vitest';
import { beamScore, beamSearch } from '../../../native-models/captioner/neural/beamSearch.js';
import type { Hypothesis, NextTokenLogProbs } from '../../../native-models/captioner/neural/decodingTypes.js';
import { greedyDecode } from '../../../native-models/captioner/neural/greedyDecode.js';

const START = 0;
const END = 1;

/**
 * A decoder scripted by prefix: `script['2 3']` gives the next-token probabilities after <start> 2 3. Unscripted
 * probability mass is spread evenly over the other tokens, so every row is a proper distribution.
 */
function scripted(vocabularySize: number, script: Record<string, Record<number, number>>): NextTokenLogProbs & { calls: number[][][] } {
  const calls: number[][][] = [];
  const next = async (sequences: readonly (readonly number[])[]) => {
    calls.push(sequences.map((s) => [...s]));
    return sequences.map((sequence) => {
      expect(sequence[0]).toBe(START);
      const given = script[sequence.slice(1).join(' ')] ?? {};
      const rest = 1 - Object.values(given).reduce((a, b) => a + b, 0);
      const others = vocabularySize - Object.keys(given).length;
      return Float32Array.from({ length: vocabularySize }, (_, t) => Math.log(given[t] ?? rest / others));
    });
  };
  return Object.assign(next, { calls });
}

/** A random causal decoder: the distribution after a prefix is a fixed pseudo-random function of the prefix. */
function randomDecoder(vocabularySize: number, seed: number): NextTokenLogProbs {
  const rows = new Map<string, Float32Array>();
  const rowFor = (prefix: string) => {
    let row = rows.get(prefix);
    if (!row) {
      let h = seed;
      for (const ch of prefix) h = Math.imul(h ^ ch.charCodeAt(0), 2654435761) >>> 0;
      const weights = Array.from({ length: vocabularySize }, () => {
        h = Math.imul(h ^ (h >>> 15), 2246822519) >>> 0;
        return 0.05 + (h % 1000) / 1000;
      });
      const sum = weights.reduce((a, b) => a + b, 0);
      row = Float32Array.from(weights, (w) => Math.log(w / sum));
      rows.set(prefix, row);
    }
    return row;
  };
  return async (sequences) => sequences.map((s) => rowFor(s.join(',')));
}

/** Every caption up to maxLength, scored: the answer an infinitely wide beam must give. */
async function exhaustiveBest(next: NextTokenLogProbs, vocabularySize: number, maxLength: number, alpha: number): Promise<Hypothesis> {
  let best: Hypothesis | null = null;
  const consider = (h: Hypothesis) => {
    if (!best || beamScore(h.logProb, h.tokenIds.length, alpha) > beamScore(best.logProb, best.tokenIds.length, alpha)) best = h;
  };
  const walk = async (tokenIds: number[], logProb: number) => {
    if (tokenIds.length === maxLength) return consider({ tokenIds, logProb, complete: false });
    const [row] = await next([[START, ...tokenIds]]);
    for (let t = 0; t < vocabularySize; t++) {
      const extended = [...tokenIds, t];
      const total = logProb + (row?.[t] as number);
      if (t === END) consider({ tokenIds: extended, logProb: total, complete: true });
      else await walk(extended, total);
    }
  };
  await walk([], 0);
  return best as unknown as Hypothesis;
}

/** The same search run to maxLength without stopping early: the oracle for the early stop. */
async function beamToTheEnd(next: NextTokenLogProbs, width: number, maxLength: number, alpha: number): Promise<Hypothesis> {
  const score = (h: Hypothesis) => beamScore(h.logProb, h.tokenIds.length, alpha);
  const pool: Hypothesis[] = [];
  let alive: Hypothesis[] = [{ tokenIds: [], logProb: 0, complete: false }];
  for (let step = 0; step < maxLength && alive.length > 0; step++) {
    const rows = await next(alive.map((h) => [START, ...h.tokenIds]));
    const candidates = alive.flatMap((h, i) => Array.from(rows[i] as Float32Array, (lp, t) => ({ tokenIds: [...h.tokenIds, t], logProb: h.logProb + lp, complete: t === END })));
    candidates.sort((a, b) => b.logProb - a.logProb);
    const kept = candidates.slice(0, width);
    pool.push(...kept.filter((h) => h.complete));
    alive = candidates.filter((h) => !h.complete).slice(0, width);
  }
  pool.push(...alive);
  return pool.sort((a, b) => score(b) - score(a))[0] as Hypothesis;
}

// Tokens: 0 <start>, 1 <end>, 2 a, 3 two, 4 dog, 5 dogs, 6 small, 7 on.
const branching = {
  '': { 2: 0.55, 3: 0.45 },
  '2': { 4: 0.4, 6: 0.35 },
  '2 4': { 1: 0.9 },
  '2 6': { 4: 0.9 },
  '2 6 4': { 1: 0.9 },
  '3': { 5: 0.95 },
  '3 5': { 1: 0.95 },
};

describe('greedyDecode', () => {
  it('takes the likeliest token at each step, sums their log-probs and stops at <end>', async () => {
    const next = scripted(8, branching);
    const result = await greedyDecode(next, { startId: START, endId: END, maxLength: 10 });
    expect(result.tokenIds).toEqual([2, 4, END]);
    expect(result.complete).toBe(true);
    expect(result.logProb).toBeCloseTo(Math.log(0.55 * 0.4 * 0.9), 5);
    expect(next.calls.map((c) => c[0])).toEqual([[START], [START, 2], [START, 2, 4]]);
  });

  it('stops at maxLength and marks the caption incomplete', async () => {
    const result = await greedyDecode(scripted(8, { '': { 2: 0.9 }, '2': { 7: 0.9 }, '2 7': { 2: 0.9 } }), { startId: START, endId: END, maxLength: 2 });
    expect(result).toMatchObject({ tokenIds: [2, 7], complete: false });
    expect(result.logProb).toBeCloseTo(Math.log(0.81), 5);
  });
});

describe('beamSearch', () => {
  it('prefers the caption with the higher total probability over the greedy one', async () => {
    const [best, second] = await beamSearch(scripted(8, branching), { startId: START, endId: END, maxLength: 10, beamWidth: 2 });
    expect(best?.tokenIds).toEqual([3, 5, END]);
    expect(best?.logProb).toBeCloseTo(Math.log(0.45 * 0.95 * 0.95), 5);
    expect(second?.tokenIds).toEqual([2, 4, END]);
  });

  it('scores every alive hypothesis of a step in one call, all of equal length', async () => {
    const next = scripted(8, branching);
    await beamSearch(next, { startId: START, endId: END, maxLength: 10, beamWidth: 3 });
    expect(next.calls[0]).toEqual([[START]]);
    expect(next.calls[1]?.length).toBe(3);
    for (const call of next.calls) expect(new Set(call.map((s) => s.length)).size).toBe(1);
  });

  it('returns at most beamWidth captions, best first', async () => {
    const results = await beamSearch(randomDecoder(6, 7), { startId: START, endId: END, maxLength: 5, beamWidth: 3 });
    expect(results.length).toBeLessThanOrEqual(3);
    const scores = results.map((h) => h.logProb);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it.each([0, 0.7, 2])('is exact when the beam is wide enough to hold every caption (length penalty %s)', async (alpha) => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const next = randomDecoder(4, seed);
      const expected = await exhaustiveBest(next, 4, 4, alpha);
      const [best] = await beamSearch(next, { startId: START, endId: END, maxLength: 4, beamWidth: 4 ** 4, lengthPenalty: alpha });
      expect(best?.tokenIds, `seed ${seed}`).toEqual(expected.tokenIds);
      expect(best?.logProb).toBeCloseTo(expected.logProb, 5);
      expect(best?.complete).toBe(expected.complete);
    }
  });

  it('lets the length penalty trade total probability for length', async () => {
    // Ending at once: log 0.6 = −0.51. The long caption: log(0.4 · 0.9 · 0.9) = −1.12, but spread over three tokens.
    const script = { '': { [END]: 0.6, 2: 0.4 }, '2': { 7: 0.9 }, '2 7': { [END]: 0.9 } };
    const options = { startId: START, endId: END, maxLength: 6, beamWidth: 2 };
    const [plain] = await beamSearch(scripted(8, script), options);
    expect(plain?.tokenIds).toEqual([END]);
    const [penalised] = await beamSearch(scripted(8, script), { ...options, lengthPenalty: 3 });
    expect(penalised?.tokenIds).toEqual([2, 7, END]);
    expect(penalised?.logProb).toBeCloseTo(Math.log(0.4 * 0.81), 5);
  });

  it('stops early once no open caption can beat the finished ones', async () => {
    const next = scripted(8, { '': { 2: 0.9, 3: 0.08 }, '2': { [END]: 0.99 }, '3': { [END]: 0.99 } });
    const results = await beamSearch(next, { startId: START, endId: END, maxLength: 10, beamWidth: 2 });
    expect(results.map((h) => h.tokenIds)).toEqual([[2, END], [3, END]]);
    expect(next.calls).toHaveLength(2);
  });

  it.each([0, 1, 3])('gives the answer running on to maxLength would give (length penalty %s)', async (alpha) => {
    for (let seed = 1; seed <= 40; seed++) {
      // Vocabulary 5 makes <end> likely enough that the pool fills and the early stop is exercised.
      const next = randomDecoder(5, seed);
      const expected = await beamToTheEnd(next, 2, 7, alpha);
      const [best] = await beamSearch(next, { startId: START, endId: END, maxLength: 7, beamWidth: 2, lengthPenalty: alpha });
      expect(best?.tokenIds, `seed ${seed}`).toEqual(expected.tokenIds);
    }
  });

  it('with width 1 and no length penalty is exactly greedy (an <end> ranked outside the beam is not kept)', async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const next = randomDecoder(5, seed);
      const greedy = await greedyDecode(next, { startId: START, endId: END, maxLength: 7 });
      const [beam] = await beamSearch(next, { startId: START, endId: END, maxLength: 7, beamWidth: 1 });
      expect(beam, `seed ${seed}`).toEqual(greedy);
    }
  });

  it('keeps as alternatives only finished captions that ranked within the beam', async () => {
    // Step 2 ranks: "a <end>" .30, "a x" .19, "b <end>" .18, … With width 2, "b <end>" came third: the search would
    // have dropped it had it been open, so it is not returned; "a x <end>" (.095) found a step later is.
    const next = scripted(8, { '': { 2: 0.5, 3: 0.4 }, '2': { [END]: 0.6, 4: 0.38 }, '3': { [END]: 0.45 }, '2 4': { [END]: 0.5 } });
    const results = await beamSearch(next, { startId: START, endId: END, maxLength: 6, beamWidth: 2 });
    expect(results.map((h) => h.tokenIds)).toEqual([[2, END], [2, 4, END]]);
  });

  it('returns the open captions, marked incomplete, when none ends within maxLength', async () => {
    const results = await beamSearch(scripted(8, { '': { 2: 0.7, 3: 0.3 } }), { startId: START, endId: END, maxLength: 1, beamWidth: 2 });
    expect(results.map((h) => [h.tokenIds, h.complete])).toEqual([[[2], false], [[3], false]]);
  });

  it('rejects a width or penalty it cannot use', async () => {
    const next = scripted(8, branching);
    const limits = { startId: START, endId: END, maxLength: 4 };
    await expect(beamSearch(next, { ...limits, beamWidth: 0 })).rejects.toThrow(RangeError);
    await expect(beamSearch(next, { ...limits, beamWidth: 1.5 })).rejects.toThrow(/whole number/);
    await expect(beamSearch(next, { ...limits, beamWidth: 2, lengthPenalty: -1 })).rejects.toThrow(/lengthPenalty/);
    await expect(beamSearch(next, { ...limits, beamWidth: 2, lengthPenalty: Number.NaN })).rejects.toThrow(/lengthPenalty/);
  });
});
