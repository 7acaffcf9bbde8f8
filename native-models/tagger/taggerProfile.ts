import type { FusionFeature } from './fusion.js';

/**
 * 'fast' runs CenterNet once (≈0.2 s per photo on one wasm thread); 'accurate' adds a mirrored pass, four zoomed
 * corner tiles and NanoDet (≈1.4 s), which dev measured as worth about +1.5 micro-F1 and +3 mAP points.
 */
export type TaggerProfile = 'fast' | 'accurate';

export const taggerProfiles: readonly TaggerProfile[] = ['fast', 'accurate'];

/** Which passes a profile's fusion model reads, so tagBatch runs only those. */
export function needsPass(features: readonly FusionFeature[], pass: FusionFeature): boolean {
  return features.includes(pass);
}
