import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildGridLayout, monthName } from '../../../renderer/src/timelineLayout.js';
import { openTestLibrary, renderApp, type TestLibrary } from './harness.js';

describe('the timeline layout', () => {
  const metrics = { columns: 3, rowHeight: 100, monthHeight: 50, dayHeight: 30 };
  const groups = [
    { day: '2020-05-07', count: 4 },
    { day: '2020-05-01', count: 1 },
    { day: '2019-12-31', count: 2 },
    { day: null, count: 2 },
  ];

  it('puts each month and day under its header, undated last, and finds the row of any photo', () => {
    const layout = buildGridLayout(9, groups, metrics);
    expect(layout.rows.map((r) => (r.kind === 'photos' ? `${r.first}+${r.count}` : r.kind === 'day' ? r.day : `[${r.month} ${r.count}]`))).toEqual([
      '[2020-05 5]', '2020-05-07', '0+3', '3+1', '2020-05-01', '4+1', '[2019-12 2]', '2019-12-31', '5+2', '[undated 2]', '7+2',
    ]);
    expect(layout.months.map((m) => [m.month, m.row])).toEqual([['2020-05', 0], ['2019-12', 6], ['undated', 9]]);
    expect(layout.starts.slice(0, 4)).toEqual([0, 50, 80, 180]);
    expect(layout.starts[layout.rows.length]).toBe(3 * 50 + 3 * 30 + 5 * 100);
    expect([0, 2, 3, 4, 5, 8].map((i) => layout.rowOf(i))).toEqual([2, 2, 3, 5, 8, 10]);
    expect(layout.rowAt(0)).toBe(0);
    expect(layout.rowAt(79)).toBe(1);
    expect(layout.rowAt(80)).toBe(2);
  });

  it('steps down and up by photo rows, over headers, keeping the column where it can', () => {
    const layout = buildGridLayout(9, groups, metrics);
    expect(layout.verticalStep(2, 1)).toBe(3);
    expect(layout.verticalStep(3, 1)).toBe(4);
    expect(layout.verticalStep(4, 1)).toBe(5);
    expect(layout.verticalStep(6, -1)).toBe(4);
    expect(layout.verticalStep(8, 1)).toBe(8);
  });

  it('lays counts that do not add up to the total out flat (the counts of a changed library still on their way)', () => {
    const layout = buildGridLayout(10, groups, metrics);
    expect(layout.months).toEqual([]);
    expect(layout.rows.every((r) => r.kind === 'photos')).toBe(true);
    expect(layout.rows).toHaveLength(4);
  });
});

describe('the timeline gallery against a 2,000-photo library', () => {
  let library: TestLibrary;
  beforeAll(async () => {
    library = await openTestLibrary(2_000);
  });
  afterAll(() => library.close());
  afterEach(() => {
    cleanup();
    window.localStorage.clear();
  });

  it('shows month and day headers, newest first, with a scrubber over every month', async () => {
    const counts = await library.call('photos.timeline', { query: '' });
    const [newest] = counts.days[0] as [string, number];
    renderApp(library);
    const grid = await screen.findByRole('grid', { name: 'All photos' });
    const heading = await screen.findByRole('heading', { level: 2, name: monthName(newest.slice(0, 7)) });
    expect(grid.contains(heading)).toBe(true);
    expect(grid.querySelectorAll('h3').length).toBeGreaterThan(0);

    const scrubber = screen.getByRole('slider', { name: 'Jump to a month' });
    const months = new Set(counts.days.map(([day]) => day.slice(0, 7))).size + (counts.undated > 0 ? 1 : 0);
    expect(scrubber.getAttribute('aria-valuemax')).toBe(String(months));
    expect(scrubber.getAttribute('aria-valuetext')).toBe(monthName(newest.slice(0, 7)));
    // The jump itself needs layout, which this DOM has not: test/e2e/timeline.test.ts drives it in Chromium.
  });

  it('turns to oldest first on request: the oldest photo first, the undated still last', async () => {
    const counts = await library.call('photos.timeline', { query: '' });
    const total = counts.total;
    const dated = total - counts.undated;
    const oldest = (await library.call('photos.search', { query: '', limit: 1, offset: dated - 1 })).results[0];
    renderApp(library);
    await screen.findByRole('slider', { name: 'Jump to a month' });
    fireEvent.click(screen.getByRole('button', { name: 'Oldest first' }));
    await screen.findByText(`${total.toLocaleString()} photos · oldest first`);
    const grid = screen.getByRole('grid', { name: 'All photos' });
    await waitFor(() => expect(grid.querySelector('[data-photo-id]')?.getAttribute('data-photo-id')).toBe(String(oldest?.id)));
    const [oldestDay] = counts.days[counts.days.length - 1] as [string, number];
    expect(grid.querySelector('h2')?.textContent).toBe(monthName(oldestDay.slice(0, 7)));
    expect(window.localStorage.getItem('phototag.timelineOrder')).toBe('oldest');
  });
});
