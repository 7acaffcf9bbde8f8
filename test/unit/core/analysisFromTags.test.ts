import { describe, expect, it } from 'vitest';
import { analysisFromTags } from '../../../electron/core/models/ModelAnalyzer.js';
import type { AnalyzerInput } from '../../../electron/core/pipeline/PhotoAnalyzer.js';
import type { TagResult } from '../../../native-models/tagger/types.js';

const input: AnalyzerInput = {
  preview: { data: Buffer.alloc(3), width: 1, height: 1, channels: 3 },
  metadata: { takenAt: '2019-06-01T19:30:00', takenTz: null, dateSource: 'exif', takenTzSource: null, takenZone: null, dateProblem: null, gpsProblem: null, cameraMake: null, cameraModel: null, camera: null, lens: null, gps: null, orientation: null, keywords: [] },
};
const landmarks: [number, number][] = [[0.42, 0.15], [0.48, 0.15], [0.45, 0.18], [0.45, 0.21], [0.41, 0.16], [0.49, 0.16]];
const face = { box: [0.4, 0.1, 0.5, 0.25] as [number, number, number, number], score: 0.8, landmarks, embedding: new Float32Array([0.6, 0.8]) };
const result = (tags: TagResult['tags'], faces: TagResult['faces']): TagResult => ({
  tags,
  scenes: [{ name: 'indoor', confidence: 0.7 }],
  scores: new Float32Array(80),
  embedding: new Float32Array(720),
  faces,
});

describe('analysisFromTags', () => {
  it('turns a tagger result into object and scene tags, a caption with the time of day, and the vectors', () => {
    const person = { name: 'person', confidence: 0.95, count: 2, boxes: [{ box: [0.1, 0.1, 0.4, 0.9] as [number, number, number, number], score: 0.9 }, { box: [0.5, 0.1, 0.8, 0.9] as [number, number, number, number], score: 0.9 }] };
    const analysis = analysisFromTags(result([person], [face, face]), input, 'tagger-v1');
    expect(analysis.tags).toEqual([
      { name: 'person', kind: 'object', confidence: 0.95, count: 2 },
      { name: 'indoor', kind: 'scene', confidence: 0.7, count: null },
      { name: 'face', kind: 'object', confidence: 0.8, count: 2 },
    ]);
    expect(analysis.caption).toBe('Two people indoors, in the evening.');
    expect(analysis.vectors.map((v) => [v.kind, v.values.length])).toEqual([
      ['coco-scores', 80],
      ['embedding', 720],
    ]);
    expect(analysis.faces).toEqual([
      { box: face.box, score: 0.8, landmarks, embedding: new Float32Array([0.6, 0.8]), skipped: null },
      { box: face.box, score: 0.8, landmarks, embedding: new Float32Array([0.6, 0.8]), skipped: null },
    ]);
  });

  it('reports faces only where there is a person, and prefers a neural caption when there is one', () => {
    const clock = { name: 'clock', confidence: 0.9, count: 1, boxes: [{ box: [0.2, 0.2, 0.6, 0.6] as [number, number, number, number], score: 0.9 }] };
    const analysis = analysisFromTags(result([clock], [face]), input, 'tagger-v1', 'A clock on a wall.');
    expect(analysis.tags.map((t) => t.name)).toEqual(['clock', 'indoor']);
    expect(analysis.caption).toBe('A clock on a wall.');
    expect(analysis.faces).toEqual([]);
  });
});
