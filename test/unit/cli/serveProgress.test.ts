import { describe, expect, it } from 'vitest';
import type { IndexProgress } from '../../../electron/core/library/progress.js';
import { reportIndexing } from '../../../electron/cli/serveProgress.js';

const base: IndexProgress = { phase: 'analysing', found: 10, scanned: 10, queued: 0, done: 0, failed: 0, rate: 0, etaSeconds: null };
const at = (over: Partial<IndexProgress>): IndexProgress => ({ ...base, ...over });

function sink(isTTY: boolean) {
  const written: string[] = [];
  return { out: { isTTY, write: (text: string) => written.push(text) }, written };
}

describe("serve's indexing report", () => {
  it('writes plain lines at most every few seconds when not on a terminal, then one line when indexed', () => {
    let now = 0;
    const { out, written } = sink(false);
    const report = reportIndexing(out, { everyMs: 5_000, now: () => now });
    report.update(at({ phase: 'scanning', found: 4, scanned: 1 }));
    now = 1_000;
    report.update(at({ queued: 8, done: 2, rate: 2, etaSeconds: 4 }));
    now = 6_000;
    report.update(at({ queued: 2, done: 7, failed: 1, rate: 1.5, etaSeconds: 80 }));
    now = 7_000;
    report.update(at({ queued: 1, done: 8, failed: 1 }));
    now = 9_500;
    report.update(at({ phase: 'idle', done: 9, failed: 1 }));
    expect(written).toEqual([
      'Scanning the folders: 4 files found, 1 checked…\n',
      'Indexing: 8/10 photos analysed, 1 failed | 1.5 photos/s, about 1m20s left\n',
      'Library indexed: 9 photos analysed in 10s; 1 could not be read (the Library screen says why). Watching the folders for changes.\n',
    ]);
  });

  it('rewrites one line in place on a terminal and ends it before the indexed line', () => {
    const { out, written } = sink(true);
    const report = reportIndexing(out, { now: () => 0 });
    report.update(at({ queued: 2, done: 1, rate: 1, etaSeconds: 2 }));
    report.update(at({ queued: 1, done: 2, rate: 1, etaSeconds: 1 }));
    report.update(at({ phase: 'idle', done: 3 }));
    expect(written).toEqual([
      '\rIndexing: 1/3 photos analysed | 1.0 photos/s, about 2s left\x1b[K',
      '\rIndexing: 2/3 photos analysed | 1.0 photos/s, about 1s left\x1b[K',
      '\r\x1b[K',
      'Library indexed: 3 photos analysed in 0s. Watching the folders for changes.\n',
    ]);
  });

  it("stays quiet for the watcher's rescans that find nothing, and says so when it started up to date", () => {
    const { out, written } = sink(false);
    const report = reportIndexing(out, { now: () => 0 });
    report.upToDate(12);
    report.update(at({ phase: 'scanning' }));
    report.update(at({ phase: 'idle' }));
    report.update(at({ queued: 1 }));
    report.update(at({ phase: 'idle', done: 1 }));
    expect(written).toEqual([
      'Library indexed: 12 photos. Watching the folders for changes.\n',
      'Indexing: 0/1 photos analysed | measuring the rate…\n',
      'Library indexed: 1 photo analysed in 0s. Watching the folders for changes.\n',
    ]);
  });
});
