import type { DecodeLimits, Hypothesis, NextTokenLogProbs } from './decodingTypes.js';

/** Index of the largest value; the first on ties, so the result does not depend on float noise ordering. */
export function argmax(values: Float32Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) > (values[best] as number)) best = i;
  return best;
}

/** Takes the single most likely token at every step, as the Keras example's generate_caption does. */
export async function greedyDecode(next: NextTokenLogProbs, limits: DecodeLimits): Promise<Hypothesis> {
  const tokenIds: number[] = [];
  let logProb = 0;
  while (tokenIds.length < limits.maxLength) {
    const [row] = await next([[limits.startId, ...tokenIds]]);
    if (!row) throw new Error('the decoder returned no scores');
    const token = argmax(row);
    logProb += row[token] as number;
    tokenIds.push(token);
    if (token === limits.endId) return { tokenIds, logProb, complete: true };
  }
  return { tokenIds, logProb, complete: false };
}
