import type { Migration } from './types.js';
import { migration0001Initial } from './0001_initial.js';
import { migration0002Search } from './0002_search.js';
import { migration0003PhotoVectors } from './0003_photo_vectors.js';
import { migration0004CorrectionBatches } from './0004_correction_batches.js';
import { migration0005Learning } from './0005_learning.js';
import { migration0006Places } from './0006_places.js';
import { migration0007Faces } from './0007_faces.js';
import { migration0008CaptureTime } from './0008_capture_time.js';
import { migration0009PeopleActions } from './0009_people_actions.js';
import { migration0010FileKeywords } from './0010_file_keywords.js';
import { migration0011Albums } from './0011_albums.js';
import { migration0012Duplicates } from './0012_duplicates.js';
import { migration0013PhotoText } from './0013_photo_text.js';
import { migration0014TagParents } from './0014_tag_parents.js';
import { migration0015PlaceEstimates } from './0015_place_estimates.js';

/** Every migration, statically imported so a bundled app cannot miss one. Append only; never edit a shipped one. */
export const migrations: readonly Migration[] = [
  migration0001Initial,
  migration0002Search,
  migration0003PhotoVectors,
  migration0004CorrectionBatches,
  migration0005Learning,
  migration0006Places,
  migration0007Faces,
  migration0008CaptureTime,
  migration0009PeopleActions,
  migration0010FileKeywords,
  migration0011Albums,
  migration0012Duplicates,
  migration0013PhotoText,
  migration0014TagParents,
  migration0015PlaceEstimates,
];

export const latestSchemaVersion: number = migrations[migrations.length - 1]?.version ?? 0;
