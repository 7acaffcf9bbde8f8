import type { DetectedFace, RawRgbImage } from '../tagger/types.js';

// A face's geometry and the region around it, in plain JavaScript: the host (the indexer's event loop) uses these to
// pick the faces worth a sharper look and to cut them out, and must not load tfjs for that (faceEmbedder.ts does).

export interface FaceGeometry {
  /** Eye centres and nose tip in image pixels. */
  rightEye: [number, number];
  leftEye: [number, number];
  nose: [number, number];
  eyeDistance: number;
  /** Roll of the eye line, radians. */
  roll: number;
  /** Nose offset from the eyes' midpoint along the eye line, in eye distances: 0 frontal, ±0.5 or more turned. */
  yaw: number;
}

export function faceGeometry(face: DetectedFace, image: { width: number; height: number }): FaceGeometry {
  const px = (i: number): [number, number] => {
    const [x, y] = face.landmarks[i] ?? [0, 0];
    return [x * image.width, y * image.height];
  };
  const rightEye = px(0);
  const leftEye = px(1);
  const nose = px(2);
  const dx = leftEye[0] - rightEye[0];
  const dy = leftEye[1] - rightEye[1];
  const eyeDistance = Math.hypot(dx, dy);
  const mid = [(rightEye[0] + leftEye[0]) / 2, (rightEye[1] + leftEye[1]) / 2];
  const yaw = eyeDistance > 0 ? ((nose[0] - (mid[0] as number)) * dx + (nose[1] - (mid[1] as number)) * dy) / (eyeDistance * eyeDistance) : 0;
  return { rightEye, leftEye, nose, eyeDistance, roll: Math.atan2(dy, dx), yaw };
}

/** Faces whose eyes are closer than this in the preview are described again from a sharper decode when there is one. */
export const sharperBelowEyePixels = 40;

/**
 * The square around a face (twice its box, room for levelling and the margin) cut from a sharper decode of the same
 * photo, with the face's box and landmarks re-expressed as fractions of the cut. Boxes are fractions of the photo,
 * so they hold for any decode of it.
 */
export function cutFaceRegion(image: RawRgbImage, face: DetectedFace): { image: RawRgbImage; face: DetectedFace } {
  const [x1, y1, x2, y2] = face.box;
  const side = Math.max(8, Math.round(Math.max((x2 - x1) * image.width, (y2 - y1) * image.height) * 2));
  const left = Math.round(((x1 + x2) / 2) * image.width - side / 2);
  const top = Math.round(((y1 + y2) / 2) * image.height - side / 2);
  const data = Buffer.alloc(side * side * 3, 128);
  for (let row = 0; row < side; row++) {
    const y = top + row;
    if (y < 0 || y >= image.height) continue;
    const from = Math.max(0, left);
    const to = Math.min(image.width, left + side);
    if (to <= from) continue;
    image.data.copy(data, (row * side + (from - left)) * 3, (y * image.width + from) * 3, (y * image.width + to) * 3);
  }
  const fx = (x: number) => (x * image.width - left) / side;
  const fy = (y: number) => (y * image.height - top) / side;
  return {
    image: { data, width: side, height: side, channels: 3 },
    face: { box: [fx(x1), fy(y1), fx(x2), fy(y2)], score: face.score, landmarks: face.landmarks.map(([x, y]) => [fx(x), fy(y)] as [number, number]) },
  };
}
