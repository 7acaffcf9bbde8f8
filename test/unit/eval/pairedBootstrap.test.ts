import { describe, expect, it } from 'vitest';
import { pairedF1Interval, type PhotoCounts } from '../../eval/lib/pairedBootstrap.js';

const photos = (n: number, f: (i: number) => PhotoCounts) => Array.from({ length: n }, (_, i) => f(i));

describe('pairedF1Interval', () => {
  it('is exactly zero when nothing changed, and above zero when every photo lost a wrong tag', () => {
    const before = photos(100, (i) => ({ tp: 2, fp: i % 3 === 0 ? 1 : 0, fn: i % 4 === 0 ? 1 : 0 }));
    expect(pairedF1Interval(before, before)).toEqual([0, 0]);
    const after = before.map((p, i) => (i % 3 === 0 ? { ...p, fp: 0 } : p));
    const [lo, hi] = pairedF1Interval(before, after);
    expect(lo).toBeGreaterThan(0);
    expect(hi).toBeGreaterThan(lo);
  });

  it('straddles zero when one photo improves and another gets worse', () => {
    const before = photos(100, () => ({ tp: 2, fp: 1, fn: 1 }));
    const after = before.map((p, i) => (i === 0 ? { ...p, fp: 0 } : i === 1 ? { ...p, fp: 2 } : p));
    const [lo, hi] = pairedF1Interval(before, after);
    expect(lo).toBeLessThan(0);
    expect(hi).toBeGreaterThan(0);
  });

  it('refuses unpaired sides', () => {
    expect(() => pairedF1Interval([{ tp: 1, fp: 0, fn: 0 }], [])).toThrow(/same, non-empty photos/);
  });
});
