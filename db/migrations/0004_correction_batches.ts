import type { Migration } from './types.js';

/**
 * Corrections made by one user action (a tag on twenty selected photos) share a batch, so that one undo takes
 * back the whole action. An undone correction is kept, marked, rather than deleted: the log stays a history, and
 * learning skips what the user took back. Rows written before this have no batch and count as one each.
 *
 * The review queue walks model suggestions from the least certain (confidence nearest one half); the partial
 * expression index lets it read the first few in that order instead of sorting every suggestion.
 */
export const migration0004CorrectionBatches: Migration = {
  version: 4,
  name: 'correction_batches',
  sql: `
ALTER TABLE corrections ADD COLUMN batch_id INTEGER;
ALTER TABLE corrections ADD COLUMN undone_at INTEGER;
CREATE INDEX photo_tags_uncertain ON photo_tags(abs(confidence - 0.5)) WHERE source = 'model' AND state = 'suggested';
`,
};
