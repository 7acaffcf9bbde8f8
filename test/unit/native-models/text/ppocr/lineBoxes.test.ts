import { describe, expect, it } from 'vitest';
import { detectorLongSide, detectorSize, findLineBoxes, lineBoxCorners, scaleLineBox } from '../../../../../native-models/text/ppocr/lineBoxes.js';

/** A probability map with `p` inside a rotated rectangle (centre, length, thickness, degrees) and 0 elsewhere. */
function mapWithLine(width: number, height: number, line: { cx: number; cy: number; length: number; thickness: number; degrees: number }, p = 0.9): Float32Array {
  const map = new Float32Array(width * height);
  const a = (line.degrees * Math.PI) / 180;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = x + 0.5 - line.cx;
      const dy = y + 0.5 - line.cy;
      const u = dx * Math.cos(a) + dy * Math.sin(a);
      const v = -dx * Math.sin(a) + dy * Math.cos(a);
      if (Math.abs(u) <= line.length / 2 && Math.abs(v) <= line.thickness / 2) map[y * width + x] = p;
    }
  }
  return map;
}

describe('line boxes from the detector', () => {
  it('fits a slanted line with its angle, and grows it as PaddleOCR unclips', () => {
    const map = mapWithLine(200, 120, { cx: 100, cy: 60, length: 120, thickness: 16, degrees: 12 });
    const [box, ...rest] = findLineBoxes(map, 200, 120);
    expect(rest).toEqual([]);
    expect(box?.cx).toBeCloseTo(100, 0);
    expect(box?.cy).toBeCloseTo(60, 0);
    expect(((box?.angle ?? 0) * 180) / Math.PI).toBeCloseTo(12, -0.3);
    // Grown by area × 1.5 / perimeter on every side: 120 × 16 × 1.5 / 272 ≈ 10.6.
    expect(box?.length).toBeGreaterThan(135);
    expect(box?.length).toBeLessThan(150);
    expect(box?.thickness).toBeGreaterThan(32);
    expect(box?.thickness).toBeLessThan(42);
  });

  it('takes the longer side as the line: a line down the image is turned a quarter', () => {
    const map = mapWithLine(100, 200, { cx: 50, cy: 100, length: 140, thickness: 14, degrees: 90 });
    const [box] = findLineBoxes(map, 100, 200);
    expect(Math.abs(Math.cos(box?.angle ?? 0))).toBeLessThan(0.05);
    expect(box?.length).toBeGreaterThan(box?.thickness ?? Infinity);
  });

  it('drops weak lines and specks', () => {
    expect(findLineBoxes(mapWithLine(200, 120, { cx: 100, cy: 60, length: 120, thickness: 16, degrees: 0 }, 0.5), 200, 120)).toEqual([]);
    expect(findLineBoxes(mapWithLine(200, 120, { cx: 100, cy: 60, length: 30, thickness: 2, degrees: 0 }), 200, 120)).toEqual([]);
  });

  it("scales a box's corners into the image's pixels", () => {
    const box = { cx: 50, cy: 20, length: 60, thickness: 10, angle: 0, score: 0.9 };
    const scaled = scaleLineBox(box, 2, 3);
    expect(lineBoxCorners(scaled).map(([x, y]) => [Math.round(x), Math.round(y)])).toEqual([
      [40, 45],
      [160, 45],
      [160, 75],
      [40, 75],
    ]);
  });

  it("sizes the detector's input in multiples of 32: 960 on the long side, more for a long screenshot", () => {
    expect(detectorSize(4000, 3000)).toEqual({ width: 960, height: 736 });
    expect(detectorSize(640, 480)).toEqual({ width: 640, height: 480 });
    const screenshot = detectorSize(1080, 12000);
    // The long side's limit (4096) decides here: 40-px lines stay 14 px high for the detector.
    expect(screenshot).toEqual({ width: 384, height: 4096 });
  });

  it("looks at large text smaller: the thinnest line brought to 32 px, between 480 and 960 px on the long side", () => {
    expect(detectorLongSide(1024, 768, 16)).toBe(960);
    expect(detectorLongSide(1024, 768, 48)).toBe(683);
    expect(detectorLongSide(1024, 768, 200)).toBe(480);
    expect(detectorLongSide(640, 480, 10)).toBe(640);
  });
});
