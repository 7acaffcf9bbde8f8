/**
 * BLEU-1..4 (corpus level, closest reference length) and CIDEr-D, following the COCO caption evaluation code so
 * figures are comparable with published ones.
 */

export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9' ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

type Counts = Map<string, number>;

function ngrams(tokens: readonly string[], n: number): Counts {
  const counts: Counts = new Map();
  for (let i = 0; i + n <= tokens.length; i++) {
    const gram = tokens.slice(i, i + n).join(' ');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

export function bleu(candidates: readonly string[], references: readonly (readonly string[])[], maxN = 4): number[] {
  const matches = new Array<number>(maxN).fill(0);
  const totals = new Array<number>(maxN).fill(0);
  let candLen = 0;
  let refLen = 0;
  candidates.forEach((candidate, i) => {
    const c = tokenize(candidate);
    const refs = (references[i] ?? []).map(tokenize);
    candLen += c.length;
    // The reference length closest to the candidate's (ties: the shorter), as in the COCO code.
    const closest = refs.map((r) => r.length).sort((a, b) => Math.abs(a - c.length) - Math.abs(b - c.length) || a - b)[0] ?? 0;
    refLen += closest;
    for (let n = 1; n <= maxN; n++) {
      const cand = ngrams(c, n);
      const maxRef: Counts = new Map();
      for (const r of refs) for (const [g, k] of ngrams(r, n)) maxRef.set(g, Math.max(maxRef.get(g) ?? 0, k));
      for (const [g, k] of cand) matches[n - 1] = (matches[n - 1] as number) + Math.min(k, maxRef.get(g) ?? 0);
      totals[n - 1] = (totals[n - 1] as number) + Math.max(0, c.length - n + 1);
    }
  });
  const tiny = 1e-9;
  const bp = candLen < refLen ? Math.exp(1 - refLen / Math.max(candLen, tiny)) : 1;
  const scores: number[] = [];
  let logSum = 0;
  for (let n = 1; n <= maxN; n++) {
    logSum += Math.log(((matches[n - 1] as number) + tiny) / ((totals[n - 1] as number) + tiny));
    scores.push(bp * Math.exp(logSum / n));
  }
  return scores;
}

interface Vec {
  vec: Map<string, number>[];
  norm: number[];
  length: number;
}

export function ciderD(candidates: readonly string[], references: readonly (readonly string[])[], sigma = 6, maxN = 4): number {
  const allGrams = (tokens: string[]): Counts => {
    const counts: Counts = new Map();
    for (let n = 1; n <= maxN; n++) for (const [g, k] of ngrams(tokens, n)) counts.set(`${n}|${g}`, k);
    return counts;
  };
  const refCounts = references.map((refs) => refs.map((r) => allGrams(tokenize(r))));
  const df: Counts = new Map();
  for (const refs of refCounts) {
    const seen = new Set<string>();
    for (const r of refs) for (const g of r.keys()) seen.add(g);
    for (const g of seen) df.set(g, (df.get(g) ?? 0) + 1);
  }
  const refLen = Math.log(references.length);
  const toVec = (counts: Counts): Vec => {
    const vec = Array.from({ length: maxN }, () => new Map<string, number>());
    const norm = new Array<number>(maxN).fill(0);
    let length = 0;
    for (const [key, tf] of counts) {
      const n = Number(key.slice(0, key.indexOf('|'))) - 1;
      const value = tf * (refLen - Math.log(Math.max(1, df.get(key) ?? 0)));
      (vec[n] as Map<string, number>).set(key, value);
      norm[n] = (norm[n] as number) + value * value;
      if (n === 1) length += tf; // the reference implementation measures length in bigrams
    }
    return { vec, norm: norm.map(Math.sqrt), length };
  };
  const sim = (h: Vec, r: Vec): number[] => {
    const delta = h.length - r.length;
    return h.vec.map((hv, n) => {
      let val = 0;
      for (const [g, x] of hv) {
        const y = (r.vec[n] as Map<string, number>).get(g) ?? 0;
        val += Math.min(x, y) * y;
      }
      if (h.norm[n] !== 0 && r.norm[n] !== 0) val /= (h.norm[n] as number) * (r.norm[n] as number);
      return val * Math.exp(-(delta * delta) / (2 * sigma * sigma));
    });
  };
  let total = 0;
  candidates.forEach((candidate, i) => {
    const h = toVec(allGrams(tokenize(candidate)));
    const refs = (refCounts[i] ?? []).map(toVec);
    const perN = new Array<number>(maxN).fill(0);
    for (const r of refs) sim(h, r).forEach((v, n) => (perN[n] = (perN[n] as number) + v));
    const mean = perN.reduce((a, b) => a + b, 0) / maxN / Math.max(1, refs.length);
    total += mean * 10;
  });
  return total / Math.max(1, candidates.length);
}
