/**
 * Bumped whenever what the pipeline stores for a photo changes; photos analysed by an older version are queued
 * again. Without models the pipeline stores decode, metadata and thumbnails only.
 */
export const DECODE_PIPELINE_VERSION = 1;
