/**
 * Bumped whenever what the pipeline stores for a photo changes; photos analysed by an older version are queued
 * again. Without models the pipeline stores decode, metadata and thumbnails only.
 */
export const DECODE_PIPELINE_VERSION = 1;

/**
 * The version a photo's analysis is stored under: the decode-only version without models, else a number derived
 * from the models' version string, so that new weights, thresholds or caption rules re-analyse the library and a
 * run whose models failed to load leaves its photos to be analysed again once they work.
 */
export function pipelineVersionFor(analyzerVersion: string | null): number {
  if (analyzerVersion === null) return DECODE_PIPELINE_VERSION;
  let hash = 0x811c9dc5;
  for (const ch of `${DECODE_PIPELINE_VERSION}:${analyzerVersion}`) {
    hash ^= ch.codePointAt(0) as number;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  // Kept clear of the small numbers the decode-only pipeline uses.
  return 1000 + (hash % 2_000_000_000);
}
