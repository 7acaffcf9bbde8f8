import type { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import type { CorrectionService } from '../../../electron/core/library/CorrectionService.js';
import { cocoClasses } from '../../../native-models/tagger/cocoClasses.js';
import { objectTagNames } from '../../../native-models/tagger/vocabulary.js';
import type { PhotoCounts } from './pairedBootstrap.js';
import type { LabelledImage } from './tagDataset.js';

const classOfTag = new Map(objectTagNames.map((name, i) => [name, cocoClasses[i] as string]));
const tagOfClass = new Map(cocoClasses.map((c, i) => [c as string, objectTagNames[i] as string]));

/** The COCO classes a photo carries in the library now (its stored object tags, minus the rejected ones). */
function objectClasses(db: LibraryDatabase, photoId: number): Set<string> {
  return new Set(db.tags.forPhoto(photoId).filter((t) => t.state !== 'rejected' && classOfTag.has(t.name)).map((t) => classOfTag.get(t.name) as string));
}

/** Each photo's correct, spurious and missed COCO tags against its labels. */
export function photoCounts(db: LibraryDatabase, images: readonly LabelledImage[], idOf: (im: LabelledImage) => number): PhotoCounts[] {
  return images.map((im) => {
    const predicted = objectClasses(db, idOf(im));
    const actual = new Set(im.labels);
    const tp = [...predicted].filter((c) => actual.has(c)).length;
    return { tp, fp: predicted.size - tp, fn: actual.size - tp };
  });
}

export function microF1(counts: readonly PhotoCounts[]): number {
  const sum = (k: keyof PhotoCounts) => counts.reduce((a, r) => a + r[k], 0);
  const tp = sum('tp');
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + sum('fp') + sum('fn'));
}

/**
 * What a thorough user does to each of `images`: rejects every tag the labels do not have and adds every label the
 * tags miss, through the app's own correction path.
 */
export function correctMistakes(db: LibraryDatabase, corrections: CorrectionService, images: readonly LabelledImage[], idOf: (im: LabelledImage) => number): { rejected: number; added: number } {
  let rejected = 0;
  let added = 0;
  for (const im of images) {
    const id = idOf(im);
    const predicted = objectClasses(db, id);
    const actual = new Set(im.labels);
    const wrong = [...predicted].filter((c) => !actual.has(c));
    const missing = [...actual].filter((c) => !predicted.has(c));
    for (const c of wrong) corrections.correctTags('reject', [id], tagOfClass.get(c) as string);
    for (const c of missing) corrections.correctTags('add', [id], tagOfClass.get(c) as string);
    rejected += wrong.length;
    added += missing.length;
  }
  return { rejected, added };
}
