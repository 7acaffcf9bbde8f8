// The messages between TaggerPool and its worker threads.
import type { BackendSelection } from '../backends/BackendCandidate.js';
import type { CaptionOptions } from '../captioner/neural/loadCaptionPack.js';
import type { TaggerOptions } from './createTagger.js';
import type { TaggerProfile } from './taggerProfile.js';
import type { DetectedFace, TagResult } from './types.js';

export interface TaggerWorkerData {
  options: TaggerOptions;
  /** A neural caption pack the user installed: each worker loads it beside the tagger. */
  captionPack?: { directory: string; decoding: CaptionOptions };
}

export interface TaggerWorkerInfo {
  backend: BackendSelection;
  profile: TaggerProfile;
  threshold: number;
  version: string;
  /** The face descriptor's setup (see Tagger.faceVersion), null without faces. */
  faceVersion: string | null;
  /** The caption pack's version when one is loaded, else null (captions are composed from the tags). */
  captionPackVersion: string | null;
  loadMs: number;
}

/** Pixels cross the thread boundary as plain bytes; the worker rewraps them as Buffers. */
export interface WirePhoto {
  data: Uint8Array;
  width: number;
  height: number;
}

export interface TagBatchRequest {
  photos: WirePhoto[];
  /** False: find faces without describing them (the library's face recognition is off). */
  faceDescriptors?: boolean;
}

/** Faces to describe again from a sharper image than the preview: each crop with its face in crop fractions. */
export interface DescribeFacesRequest {
  describeFaces: { image: WirePhoto; face: DetectedFace }[];
}

export type TaggerRequest = TagBatchRequest | DescribeFacesRequest;
/** TaggedPhoto[] for a TagBatchRequest; one descriptor (or null: still too small or turned) per face otherwise. */
export type TaggerResponse = TaggedPhoto[] | (Float32Array | null)[];

/** One photo's answer: its tags, and the neural pack's caption when a pack is loaded. */
export interface TaggedPhoto {
  tags: TagResult;
  neuralCaption: string | null;
}
