import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { monthName, UNDATED, type MonthEntry } from '../timelineLayout.js';

export interface DateScrubberProps {
  /** The timeline's months in display order (undated last). */
  months: readonly MonthEntry[];
  /** The month at the top of the grid now. */
  current: string | null;
  onJump(month: MonthEntry): void;
}

/**
 * A slider beside the timeline: one step per month with photos, years marked along it. Click or drag to a point,
 * or use the keys (arrows: a month; Page Up/Down: a year; Home/End), and the grid jumps to that month's header.
 * One element for all months, so a library spanning decades adds a few year labels to the DOM, not hundreds.
 */
export function DateScrubber({ months, current, onJump }: DateScrubberProps) {
  const track = useRef<HTMLDivElement>(null);
  const [dragging, setDragging] = useState<number | null>(null);
  const found = months.findIndex((m) => m.month === current);
  const index = dragging ?? Math.max(0, found);
  const shown = months[index];
  if (months.length < 2) return null;

  const fraction = (i: number) => (months.length === 1 ? 0 : i / (months.length - 1));
  const go = (i: number) => {
    const target = months[Math.min(months.length - 1, Math.max(0, i))];
    if (target) onJump(target);
  };
  const indexAt = (clientY: number) => {
    const rect = track.current?.getBoundingClientRect();
    if (!rect || rect.height === 0) return index;
    return Math.round(Math.min(1, Math.max(0, (clientY - rect.top) / rect.height)) * (months.length - 1));
  };
  const yearOf = (i: number) => months[i]?.month.slice(0, 4);
  const yearStep = (direction: 1 | -1) => {
    // The first month of the next (or this, going up from inside it) year in display order.
    const year = yearOf(index);
    let i = index;
    if (direction > 0) {
      while (i < months.length - 1 && yearOf(i) === year) i++;
    } else {
      while (i > 0 && yearOf(i - 1) === year) i--;
      if (i === index && i > 0) {
        const previous = yearOf(i - 1);
        i--;
        while (i > 0 && yearOf(i - 1) === previous) i--;
      }
    }
    return i;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const targets: Record<string, () => number> = {
      ArrowDown: () => index + 1,
      ArrowRight: () => index + 1,
      ArrowUp: () => index - 1,
      ArrowLeft: () => index - 1,
      PageDown: () => yearStep(1),
      PageUp: () => yearStep(-1),
      Home: () => 0,
      End: () => months.length - 1,
    };
    const target = targets[event.key];
    if (!target) return;
    go(target());
    event.preventDefault();
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture?.(event.pointerId);
    const i = indexAt(event.clientY);
    setDragging(i);
    go(i);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (dragging === null) return;
    const i = indexAt(event.clientY);
    if (i !== dragging) {
      setDragging(i);
      go(i);
    }
  };
  const onPointerUp = () => setDragging(null);

  // Year labels where each year starts; thinned so they never overlap (about one per 28 px of a 600 px track).
  const years: { year: string; at: number }[] = [];
  let last = -1;
  months.forEach((m, i) => {
    if (m.month === UNDATED || m.month.slice(0, 4) === yearOf(i - 1)) return;
    const at = fraction(i);
    if (last < 0 || at - last >= 0.045) {
      years.push({ year: m.month.slice(0, 4), at });
      last = at;
    }
  });

  return (
    <div
      ref={track}
      className="date-scrubber"
      role="slider"
      tabIndex={0}
      aria-label="Jump to a month"
      aria-orientation="vertical"
      aria-valuemin={1}
      aria-valuemax={months.length}
      aria-valuenow={index + 1}
      aria-valuetext={shown ? monthName(shown.month) : undefined}
      data-dragging={dragging !== null ? '' : undefined}
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
    >
      {years.map((y) => (
        <span key={y.year} className="date-scrubber-year" style={{ top: `${y.at * 100}%` }} aria-hidden="true">
          {y.year}
        </span>
      ))}
      <span className="date-scrubber-thumb" style={{ top: `${fraction(index) * 100}%` }} aria-hidden="true">
        <span className="date-scrubber-label">{shown ? monthName(shown.month) : ''}</span>
      </span>
    </div>
  );
}
