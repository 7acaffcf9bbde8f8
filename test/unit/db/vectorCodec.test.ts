import { describe, expect, it } from 'vitest';
import { decodeVector, encodeVector } from '../../../db/vectors/vectorCodec.js';
import { pipelineVersionFor, DECODE_PIPELINE_VERSION } from '../../../electron/core/pipeline/pipelineVersion.js';

function randomUnitVector(dim: number, seed: number): Float32Array {
  let s = seed;
  const v = new Float32Array(dim).map(() => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  });
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

const dot = (a: Float32Array, b: Float32Array) => a.reduce((acc, x, i) => acc + x * (b[i] as number), 0);

describe('vector codec', () => {
  it('keeps float32 vectors exactly', () => {
    const v = randomUnitVector(80, 1);
    const encoded = encodeVector(v, 'f32');
    expect(encoded.data.byteLength).toBe(320);
    expect(Array.from(decodeVector(encoded))).toEqual(Array.from(v));
  });

  it('packs embeddings into one byte per value and keeps their cosine similarities', () => {
    const a = randomUnitVector(720, 2);
    const b = randomUnitVector(720, 3);
    const qa = decodeVector(encodeVector(a, 'i8'));
    const qb = decodeVector(encodeVector(b, 'i8'));
    expect(encodeVector(a, 'i8').data.byteLength).toBe(720);
    expect(Math.abs(dot(qa, qb) - dot(a, b))).toBeLessThan(0.01);
    expect(dot(qa, a) / (Math.hypot(...qa) * Math.hypot(...a))).toBeGreaterThan(0.999);
  });

  it('refuses a blob whose size does not match its dimension', () => {
    const encoded = encodeVector(randomUnitVector(16, 4), 'i8');
    expect(() => decodeVector({ ...encoded, dim: 17 })).toThrow(/17/);
  });
});

describe('pipelineVersionFor', () => {
  it('is the decode-only version without models, and a stable distinct number per model version', () => {
    expect(pipelineVersionFor(null)).toBe(DECODE_PIPELINE_VERSION);
    const fast = pipelineVersionFor('centernet+none/fast/v1+rules-v1');
    expect(pipelineVersionFor('centernet+none/fast/v1+rules-v1')).toBe(fast);
    expect(pipelineVersionFor('centernet+nanodet/accurate/v1+rules-v1')).not.toBe(fast);
    expect(fast).toBeGreaterThan(DECODE_PIPELINE_VERSION);
    expect(Number.isSafeInteger(fast)).toBe(true);
  });
});
