import type { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import type { FeatureVersions } from '../../../db/repositories/VectorMatrixRepository.js';
import type { TagHead } from '../../../native-models/heads/tagHead.js';
import { objectTagNames } from '../../../native-models/tagger/vocabulary.js';

/** The vector versions learning trains on and scores: the most common of each kind in the library. */
export function currentFeatureVersions(library: LibraryDatabase): FeatureVersions | null {
  const embedding = library.vectors.versions('embedding')[0]?.version;
  const scores = library.vectors.versions('coco-scores')[0]?.version;
  return embedding && scores ? { embedding, scores } : null;
}

const classIndexByTag = new Map(objectTagNames.map((name, i) => [name.toLowerCase(), i]));

/** The detector class behind a model object tag ('television' → 62), or null for any other tag. */
export function modelClassOf(tagName: string): number | null {
  return classIndexByTag.get(tagName.toLowerCase()) ?? null;
}

/** A head trained on other vector versions cannot read these: it is left out until retrained. */
export function headReads(inputs: { embedding: string; scores: string }, versions: FeatureVersions): boolean {
  return inputs.embedding === versions.embedding && inputs.scores === versions.scores;
}

/**
 * Live heads that cannot read the library's current vectors: the tagger changed (another profile, new weights),
 * so they score nothing until retrained on the new vectors.
 */
export function countStaleHeads(library: LibraryDatabase): number {
  if (library.heads.activeKeys().length === 0) return 0;
  const versions = currentFeatureVersions(library);
  if (!versions) return 0;
  return library.heads.active().filter((h) => !headReads((JSON.parse(h.head) as TagHead).inputs, versions)).length;
}

/** Learned confidences are stored to 4 decimals, so a re-score that changes nothing writes nothing. */
export const storedConfidence = (p: number): number => Math.round(p * 10_000) / 10_000;

/** How learned suggestions are labelled in photo_tags.model_version. */
export const headModelVersion = (version: number): string => `head:v${version}`;
export const baseModelVersion = (scoresVersion: string): string => `base:${scoresVersion}`;
