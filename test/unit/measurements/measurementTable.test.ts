import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/sharedData.js';
import { loadMeasurements, renderRow, renderTable, tableEnd, tableStart, verdict, withTable, type Measurement } from '../../measurements/measurementTable.js';

const measurementsDir = path.join(repoRoot, 'measurements');

const row = (runs: Record<string, unknown>[], op: '>=' | '<' = '>='): Measurement => ({
  what: 'x',
  command: '`x`',
  figures: [{ label: 'ratio', ratio: ['a', 'b'], unit: '×', digits: 2, scale: 1 }],
  targets: [{ figure: 'ratio', op, value: 2 }],
  runs,
});

describe('the README measurement table', () => {
  it('is exactly what the generator makes from the committed measurement files (`npm run measurements`)', () => {
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const generated = withTable(readme, renderTable(loadMeasurements(measurementsDir).map((m) => m.measurement)));
    expect(readme).toBe(generated);
  });

  it("judges the 'accurate' captions row by its numbers: 0.461 / 0.233 is 1.98×, which misses ≥ 2×", () => {
    const captions = loadMeasurements(measurementsDir).find((m) => m.file.endsWith('08-captions-accurate.json'));
    expect(captions).toBeDefined();
    const measurement = (captions as { measurement: Measurement }).measurement;
    expect(verdict(measurement, measurement.targets[0] as Measurement['targets'][number]).mark).toBe('✗');
    expect(renderRow(measurement)).toContain('1.98×');
  });
});

describe('verdict', () => {
  it('judges the value as shown, rounded to its digits', () => {
    expect(verdict(row([{ a: 0.462, b: 0.206 }]), row([]).targets[0] as Measurement['targets'][number]).mark).toBe('✓');
    expect(verdict(row([{ a: 1.999, b: 1 }]), { figure: 'ratio', op: '>=', value: 2 }).mark).toBe('✓'); // shown as 2.00×
    expect(verdict(row([{ a: 1.994, b: 1 }]), { figure: 'ratio', op: '>=', value: 2 }).mark).toBe('✗'); // shown as 1.99×
  });

  it('says ~ when only some runs, or part of a recorded range, met the target', () => {
    const m = row([{ a: 3, b: 1 }, { a: 1, b: 1 }]);
    expect(verdict(m, m.targets[0] as Measurement['targets'][number])).toEqual({ met: 1, values: 2, mark: '~' });
    const ranged: Measurement = { ...m, figures: [{ label: 'ratio', path: 'r', unit: '×', digits: 1, scale: 1 }], runs: [{ r: [1.8, 2.2] }] };
    expect(verdict(ranged, { figure: 'ratio', op: '>=', value: 2 }).mark).toBe('~');
    expect(renderRow(ranged)).toBe('| x | `x` | ratio 1.8–2.2× | ratio ≥ 2× ~ |');
  });

  it('refuses a run without the figure, and a target on no figure', () => {
    expect(() => renderRow(row([{ a: 1 }]))).toThrow(/no number .* at 'b'/);
    const m = row([{ a: 1, b: 1 }]);
    expect(() => verdict(m, { figure: 'nope', op: '<', value: 1 })).toThrow(/not one of its figures/);
  });
});

describe('withTable', () => {
  it('replaces only the region between the markers', () => {
    const readme = `before\n${tableStart}\nold\n${tableEnd}\nafter\n`;
    expect(withTable(readme, 'new')).toBe(`before\n${tableStart}\nnew\n${tableEnd}\nafter\n`);
    expect(() => withTable('no markers', 'new')).toThrow(/region/);
  });
});
