import type { SceneTag } from '../scenes/predictScenes.js';

/** An upright sRGB photo as interleaved RGB bytes, long side ≤ 1024: what the core's decoder hands over. */
export interface RawRgbImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 3;
}

/** One detected instance; box = [x1, y1, x2, y2] as fractions of the image (0..1). */
export interface DetectedBox {
  box: [number, number, number, number];
  score: number;
}

/**
 * One face: its box, six landmarks (the subject's right eye, left eye, nose tip, mouth, right ear, left ear) as
 * fractions of the image, and an identity descriptor when the face was big and frontal enough to recognise.
 */
export interface DetectedFace extends DetectedBox {
  landmarks: [number, number][];
  /** L2-normalised identity descriptor (see faceEmbedder.ts); absent when not computed or skipped. */
  embedding?: Float32Array | null;
  /** Why no descriptor was computed ('small', 'turned', or face recognition turned off), when one was skipped. */
  skipped?: 'small' | 'turned' | 'recognition-off';
}

export interface Tag {
  /** The readable name from tagVocabulary (e.g. 'television', not COCO's 'tv'). */
  name: string;
  /** Calibrated probability that the object is in the photo. */
  confidence: number;
  /** Instances detected above the counting threshold (at least 1 for a tag that is shown). */
  count: number;
  boxes?: DetectedBox[];
}

export interface TagResult {
  /** Object tags at or above the tagger's threshold, most confident first. */
  tags: Tag[];
  /** Scene tags (sea, forest, indoor…) from the embedding head, most confident first. */
  scenes: SceneTag[];
  /** Calibrated confidence for all 80 COCO classes, in COCO order; ranking by these gives the reported mAP. */
  scores: Float32Array;
  /** L2-normalised photo descriptor for few-shot heads and nearest-neighbour search. */
  embedding: Float32Array;
  /** Faces found (BlazeFace), boxes as fractions of the photo; empty when the tagger runs without faces. */
  faces: DetectedFace[];
}
