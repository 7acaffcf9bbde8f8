import type { FusionFeature } from './fusion.js';

/**
 * 'fast' runs CenterNet once (≈0.2 s per photo on one wasm thread); 'accurate' adds YOLOv5s at 640 px (≈0.8 s in
 * all), which coco dev (6-fold cross-validated fusion) measured as worth about +5 micro-F1 and +5 mAP points. The
 * 'accurate' of before (CenterNet mirrored and on corner tiles, plus NanoDet) took 1.4 s for +1.5 F1; adding those
 * passes to YOLOv5s moves dev F1 by 0.001 (test/eval/tune-tags.ts prints the table).
 */
export type TaggerProfile = 'fast' | 'accurate';

export const taggerProfiles: readonly TaggerProfile[] = ['fast', 'accurate'];

/** Which passes a profile's fusion model reads, so tagBatch runs only those. */
export function needsPass(features: readonly FusionFeature[], pass: FusionFeature): boolean {
  return features.includes(pass);
}
