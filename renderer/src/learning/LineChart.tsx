export interface ChartSeries {
  label: string;
  colour: string;
  values: readonly number[];
}

export interface LineChartProps {
  title: string;
  /** x of each point (epochs). */
  x: readonly number[];
  series: readonly ChartSeries[];
  /** Fixed y range, e.g. [0, 1] for precision/recall/F1; fitted to the data when absent. */
  yRange?: [number, number];
  width?: number;
  height?: number;
}

const pad = { left: 40, right: 12, top: 22, bottom: 26 };

/** A small SVG line chart with axes and a legend: enough for per-epoch training curves, no chart library. */
export function LineChart({ title, x, series, yRange, width = 360, height = 180 }: LineChartProps) {
  const all = series.flatMap((s) => s.values).filter(Number.isFinite);
  const [lo, hi] = yRange ?? [Math.min(0, ...all), Math.max(1e-6, ...all)];
  const xMin = x[0] ?? 0;
  const xMax = x[x.length - 1] ?? 1;
  const sx = (v: number) => pad.left + ((v - xMin) / Math.max(1e-9, xMax - xMin)) * (width - pad.left - pad.right);
  const sy = (v: number) => height - pad.bottom - ((v - lo) / Math.max(1e-9, hi - lo)) * (height - pad.top - pad.bottom);
  const ticks = [lo, (lo + hi) / 2, hi];
  return (
    <figure className="learning-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title}: ${series.map((s) => `${s.label} from ${fmt(s.values[0])} to ${fmt(s.values[s.values.length - 1])}`).join(', ')}`}>
        <text x={pad.left} y={14} className="chart-title">
          {title}
        </text>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={pad.left} x2={width - pad.right} y1={sy(t)} y2={sy(t)} className="chart-grid" />
            <text x={pad.left - 4} y={sy(t) + 3} textAnchor="end" className="chart-tick">
              {fmt(t)}
            </text>
          </g>
        ))}
        <text x={sx(xMin)} y={height - 8} className="chart-tick">
          {xMin}
        </text>
        <text x={sx(xMax)} y={height - 8} textAnchor="end" className="chart-tick">
          epoch {xMax}
        </text>
        {series.map((s) => (
          <polyline key={s.label} fill="none" stroke={s.colour} strokeWidth={1.8} points={s.values.map((v, i) => `${sx(x[i] ?? i).toFixed(1)},${sy(v).toFixed(1)}`).join(' ')} />
        ))}
      </svg>
      <figcaption className="chart-legend">
        {series.map((s) => (
          <span key={s.label}>
            <i style={{ background: s.colour }} aria-hidden="true" /> {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

function fmt(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '—';
  return Math.abs(v) >= 10 ? v.toFixed(0) : v.toFixed(2);
}
