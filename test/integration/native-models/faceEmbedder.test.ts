import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dot } from '../../../electron/core/people/clusterFaces.js';
import { selectBackend } from '../../../native-models/backends/selectBackend.js';
import { loadFaceDetector, type FaceDetector } from '../../../native-models/faces/faceDetector.js';
import { alignedFaceCrop, faceGeometry, loadFaceEmbedder, type FaceEmbedder } from '../../../native-models/faces/faceEmbedder.js';
import { defaultModelDir } from '../../../native-models/loading/modelDir.js';
import type { DetectedFace, RawRgbImage } from '../../../native-models/tagger/types.js';
import { decodeForTagger } from '../../eval/lib/decodeForTagger.js';
import { sharedData } from '../../helpers/sharedData.js';

describe('face descriptors on real photos', () => {
  let detector: FaceDetector;
  let embedder: FaceEmbedder;
  beforeAll(async () => {
    await selectBackend({ startAt: 'wasm' });
    detector = await loadFaceDetector(defaultModelDir());
    embedder = await loadFaceEmbedder(defaultModelDir());
  });
  afterAll(() => {
    detector?.dispose();
    embedder?.dispose();
  });

  async function faceOf(image: RawRgbImage): Promise<DetectedFace> {
    const [faces = []] = await detector.detect([image]);
    const face = faces[0];
    if (!face) throw new Error('no face found');
    await embedder.embed(image, [face]);
    return face;
  }
  const photo = (name: string) => decodeForTagger(sharedData('faces', 'images', name));

  it('puts two photos of one person nearer than photos of two people', async () => {
    // img1 and img2 show one person (faces dev p01); img13 another (p05).
    const [a, b, c] = await Promise.all(['img1.jpg', 'img2.jpg', 'img13.jpg'].map(photo));
    const [fa, fb, fc] = [await faceOf(a as RawRgbImage), await faceOf(b as RawRgbImage), await faceOf(c as RawRgbImage)];
    for (const f of [fa, fb, fc]) expect(f.embedding?.length).toBe(1024);
    const same = dot(fa.embedding as Float32Array, fb.embedding as Float32Array);
    const other = dot(fa.embedding as Float32Array, fc.embedding as Float32Array);
    expect(same).toBeGreaterThan(0.6);
    expect(other).toBeLessThan(0.5);
  });

  it('gives a face too small to recognise no descriptor, and keeps it as a face', async () => {
    const image = await photo('img1.jpg');
    const small = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } }).resize(60, 60, { fit: 'inside' }).raw().toBuffer({ resolveWithObject: true });
    const tiny: RawRgbImage = { data: small.data, width: small.info.width, height: small.info.height, channels: 3 };
    const [faces = []] = await detector.detect([tiny]);
    // At 60 px BlazeFace still finds it, with its eyes 9 px apart.
    expect(faces).toHaveLength(1);
    await embedder.embed(tiny, faces);
    expect(faces[0]).toMatchObject({ embedding: null, skipped: 'small' });
  });

  it('levels the eyes: a crop of a rotated photo matches the crop of the upright one', async () => {
    const image = await photo('img1.jpg');
    const [faces = []] = await detector.detect([image]);
    const face = faces[0] as DetectedFace;
    const rotated = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } }).rotate(25, { background: '#808080' }).raw().toBuffer({ resolveWithObject: true });
    const turned: RawRgbImage = { data: rotated.data, width: rotated.info.width, height: rotated.info.height, channels: 3 };
    const [turnedFaces = []] = await detector.detect([turned]);
    const turnedFace = turnedFaces[0] as DetectedFace;
    expect(Math.abs(faceGeometry(turnedFace, turned).roll - faceGeometry(face, image).roll - (25 * Math.PI) / 180)).toBeLessThan(0.12);
    await embedder.embed(image, [face]);
    await embedder.embed(turned, [turnedFace]);
    // Measured: 0.94 levelled, 0.83 without levelling.
    expect(dot(face.embedding as Float32Array, turnedFace.embedding as Float32Array)).toBeGreaterThan(0.9);
    expect(alignedFaceCrop(image, face, 32, 0, true)).toHaveLength(32 * 32 * 3);
  });
});
