/**
 * Natural-log probabilities of the next token after each sequence, one Float32Array (indexed by token id) per
 * sequence. Every sequence starts with <start> and all have the same length, so a decoder can run them as a batch.
 */
export type NextTokenLogProbs = (sequences: readonly (readonly number[])[]) => Promise<Float32Array[]>;

export interface DecodeLimits {
  startId: number;
  endId: number;
  /** Most tokens to generate after <start>, counting <end>. */
  maxLength: number;
}

export interface Hypothesis {
  /** Generated token ids after <start>, ending with <end> when the decoder produced it. */
  tokenIds: number[];
  /** Sum of the natural-log probabilities of the generated tokens, <end> included. */
  logProb: number;
  /** True when the caption ended with <end>; false when it was cut off at maxLength. */
  complete: boolean;
}
