/**
 * The rows of the photo grid: photo rows, and in a timeline month and day header rows between them. Every row is a
 * row of the virtualised list, so headers cost no DOM off screen; photo indexes run on across groups, so the pages
 * fetched by offset stay those of the flat list.
 */

/** The photos of one day ('YYYY-MM-DD'), or the undated ones (day null), in the order the list gives them. */
export interface DayGroup {
  day: string | null;
  count: number;
}

export type GridRow =
  /** `month`: 'YYYY-MM', or 'undated' for the group of photos without a date. Named when drawn (headerLabel). */
  | { kind: 'month'; month: string; count: number }
  | { kind: 'day'; month: string; day: string; count: number }
  | { kind: 'photos'; month: string | null; first: number; count: number };

export interface MonthEntry {
  month: string;
  /** The month's header row. */
  row: number;
  count: number;
}

export interface GridLayout {
  rows: GridRow[];
  /** Pixel offset of each row's top, and one more entry: the total height. */
  starts: number[];
  /** The timeline's months in display order (undated last); empty for a flat grid. */
  months: MonthEntry[];
  size(row: number): number;
  /** The row that holds photo `index`. */
  rowOf(index: number): number;
  /** The row under a scroll offset. */
  rowAt(offset: number): number;
  /** The index one photo row down (step 1) or up (step -1) in the same column, clamped to that row's length. */
  verticalStep(index: number, step: number): number;
}

export interface GridMetrics {
  columns: number;
  /** A photo row's height including the gap under it. */
  rowHeight: number;
  monthHeight: number;
  dayHeight: number;
}

export const UNDATED = 'undated';

/**
 * Lays out `total` photos: flat rows of `columns` when `groups` is null (or does not add up to `total`, as while a
 * changed library's counts are being fetched again), else each day under its header and each month under its own.
 */
export function buildGridLayout(total: number, groups: readonly DayGroup[] | null, metrics: GridMetrics): GridLayout {
  const { columns } = metrics;
  const rows: GridRow[] = [];
  const months: MonthEntry[] = [];
  const pushPhotos = (first: number, count: number, month: string | null) => {
    for (let offset = 0; offset < count; offset += columns) rows.push({ kind: 'photos', month, first: first + offset, count: Math.min(columns, count - offset) });
  };
  const sum = groups?.reduce((n, g) => n + g.count, 0);
  if (!groups || sum !== total) {
    pushPhotos(0, total, null);
  } else {
    let first = 0;
    let currentMonth = null as MonthEntry | null;
    for (const group of groups) {
      if (group.count <= 0) continue;
      const month = group.day === null ? UNDATED : group.day.slice(0, 7);
      if (currentMonth?.month !== month) {
        currentMonth = { month, row: rows.length, count: 0 };
        months.push(currentMonth);
        rows.push({ kind: 'month', month, count: 0 });
      }
      currentMonth.count += group.count;
      const header = rows[currentMonth.row];
      if (header?.kind === 'month') header.count = currentMonth.count;
      if (group.day !== null) rows.push({ kind: 'day', month, day: group.day, count: group.count });
      pushPhotos(first, group.count, month);
      first += group.count;
    }
  }

  const size = (row: number) => {
    const kind = rows[row]?.kind;
    return kind === 'month' ? metrics.monthHeight : kind === 'day' ? metrics.dayHeight : metrics.rowHeight;
  };
  const starts = new Array<number>(rows.length + 1);
  starts[0] = 0;
  for (let i = 0; i < rows.length; i++) starts[i + 1] = (starts[i] as number) + size(i);
  // Photo rows only, in order, for finding the row of a photo index by bisection.
  const photoRows: number[] = [];
  rows.forEach((row, i) => {
    if (row.kind === 'photos') photoRows.push(i);
  });
  const firstOf = (k: number) => (rows[photoRows[k] as number] as Extract<GridRow, { kind: 'photos' }>).first;

  const photoRowSlot = (index: number) => {
    let lo = 0;
    let hi = photoRows.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (firstOf(mid) <= index) lo = mid;
      else hi = mid - 1;
    }
    return Math.max(0, lo);
  };

  return {
    rows,
    starts,
    months,
    size,
    rowOf: (index) => photoRows[photoRowSlot(index)] ?? 0,
    rowAt(offset) {
      let lo = 0;
      let hi = Math.max(0, rows.length - 1);
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((starts[mid] as number) <= offset) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    },
    verticalStep(index, step) {
      if (photoRows.length === 0) return index;
      const slot = photoRowSlot(index);
      const column = index - firstOf(slot);
      const target = Math.min(photoRows.length - 1, Math.max(0, slot + step));
      if (target === slot) return index;
      const row = rows[photoRows[target] as number] as Extract<GridRow, { kind: 'photos' }>;
      return row.first + Math.min(column, row.count - 1);
    },
  };
}

const parts = (text: string) => text.split('-').map(Number) as [number, number, number?];
// One formatter each: building one per call (toLocaleDateString) costs far more than formatting.
const monthFormat = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric' });
const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });

/** A month 'YYYY-MM' (or 'undated') as headers and the scrubber name it. */
export function monthName(month: string): string {
  if (month === UNDATED) return 'Undated';
  const [y, m] = parts(month);
  return monthFormat.format(new Date(y, m - 1, 1));
}

/** A day 'YYYY-MM-DD' as its header names it: 'Sunday, July 14'. */
export function dayName(day: string): string {
  const [y, m, d] = parts(day);
  return dayFormat.format(new Date(y, m - 1, d ?? 1));
}

/** What a header row reads. */
export function headerLabel(row: Exclude<GridRow, { kind: 'photos' }>): string {
  return row.kind === 'month' ? monthName(row.month) : dayName(row.day);
}
