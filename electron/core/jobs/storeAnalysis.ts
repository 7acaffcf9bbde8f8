import type { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import type { FeatureVersions } from '../../../db/repositories/VectorMatrixRepository.js';
import type { LiveHeadScorer } from '../learning/LiveHeadScorer.js';
import type { FaceGrouper } from '../people/FaceGrouper.js';
import type { PhotoAnalysis } from '../pipeline/PhotoAnalyzer.js';

/** The versions of the two vectors learning reads, when the analysis produced both. */
function featureVersionsOf(analysis: PhotoAnalysis): FeatureVersions | null {
  const embedding = analysis.vectors.find((v) => v.kind === 'embedding')?.version;
  const scores = analysis.vectors.find((v) => v.kind === 'coco-scores')?.version;
  return embedding && scores ? { embedding, scores } : null;
}

/**
 * Stores one photo's model analysis: tags (the user's corrections stay as they were), caption (a caption the user
 * wrote stays), vectors, the live learned heads' tags and the faces with the people they join. The one way an
 * analysis is stored, by the index queue and by the background re-tagging alike; call inside the transaction that
 * also completes the photo's work, so a kill leaves all of it or none.
 */
export function storeAnalysis(
  library: LibraryDatabase,
  photoId: number,
  analysis: PhotoAnalysis,
  analyzerVersion: string,
  now: number,
  parts: { liveHeads: LiveHeadScorer; grouper: FaceGrouper; /** Face recognition on now (default); off drops descriptors computed before it was turned off. */ recognising?: boolean },
): void {
  library.tags.setModelTags(photoId, analysis.tags, analyzerVersion, now);
  if (analysis.caption) library.captions.setFromModel(photoId, analysis.caption, analyzerVersion, now);
  for (const vector of analysis.vectors) library.vectors.save(photoId, vector.kind, vector.version, vector.values, now);
  const versions = featureVersionsOf(analysis);
  if (versions) parts.liveHeads.apply(library, photoId, versions, now);
  // Faces (and the people they join) commit with the rest of the analysis: a kill leaves both or neither.
  const recognising = parts.recognising ?? true;
  const faces = (analysis.faces ?? []).map((f) => (recognising || f.embedding === null ? f : { ...f, embedding: null, skipped: 'recognition-off' }));
  const faceIds = library.faces.replaceForPhoto(photoId, faces, analyzerVersion, now);
  parts.grouper.assignNew(library, faceIds, faces.map((f) => f.embedding), now);
}
