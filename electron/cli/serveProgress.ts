import type { IndexProgress } from '../core/library/progress.js';
import { formatEta } from './progressBar.js';

/** Where the report goes: stderr, so stdout keeps the URL alone for scripts. */
export interface TextOut {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface IndexingReport {
  update(progress: IndexProgress): void;
  /** The indexer was idle by the time serve looked (nothing to do, or done before it subscribed). */
  upToDate(photos: number): void;
  /** Ends an in-place line, so what is written next starts on its own line. */
  stop(): void;
}

const count = (n: number) => n.toLocaleString('en-US');

export function progressLine(p: IndexProgress): string {
  if (p.phase === 'scanning' && p.done + p.failed + p.queued === 0) return `Scanning the folders: ${count(p.found)} files found, ${count(p.scanned)} checked…`;
  const analysed = p.done + p.failed;
  const total = analysed + p.queued;
  const failed = p.failed > 0 ? `, ${count(p.failed)} failed` : '';
  const pace = p.rate > 0 ? `${p.rate.toFixed(1)} photos/s, about ${formatEta(p.etaSeconds)} left` : 'measuring the rate…';
  return `Indexing: ${count(analysed)}/${count(total)} photos analysed${failed} | ${pace}`;
}

function indexedLine(p: IndexProgress, seconds: number): string {
  const failed = p.failed > 0 ? `; ${count(p.failed)} could not be read (the Library screen says why)` : '';
  const work = p.done + p.failed > 0 ? `${count(p.done)} photo${p.done === 1 ? '' : 's'} analysed in ${formatEta(seconds)}${failed}` : 'nothing new to analyse';
  return `Library indexed: ${work}. Watching the folders for changes.`;
}

/**
 * What `phototag serve` says while its background indexer works: one progress line (rewritten in place on a
 * terminal; otherwise a plain line at most every `everyMs`, so a log file does not fill up), then one line when the
 * library is indexed. The first pass is always reported; later ones (the watcher's) only when they analyse photos.
 */
export function reportIndexing(out: TextOut, options: { everyMs?: number; now?: () => number } = {}): IndexingReport {
  const everyMs = options.everyMs ?? 5_000;
  const now = options.now ?? Date.now;
  const tty = Boolean(out.isTTY);
  let firstPass = true;
  let passStarted: number | null = null;
  let lastLine = -Infinity;
  let lineOpen = false;

  const endLine = () => {
    if (lineOpen) out.write('\r\x1b[K');
    lineOpen = false;
  };

  return {
    update(p) {
      if (p.phase === 'idle') {
        if (passStarted === null) return;
        endLine();
        out.write(indexedLine(p, (now() - passStarted) / 1000) + '\n');
        passStarted = null;
        firstPass = false;
        return;
      }
      if (!firstPass && p.done + p.failed + p.queued === 0) return;
      const t = now();
      passStarted ??= t;
      if (tty) {
        out.write(`\r${progressLine(p)}\x1b[K`);
        lineOpen = true;
      } else if (t - lastLine >= everyMs) {
        out.write(progressLine(p) + '\n');
        lastLine = t;
      }
    },
    upToDate(photos) {
      if (!firstPass || passStarted !== null) return;
      firstPass = false;
      out.write(photos === 0 ? 'The library has no photos yet: add a folder on the Library screen.\n' : `Library indexed: ${count(photos)} photos. Watching the folders for changes.\n`);
    },
    stop() {
      if (lineOpen) out.write('\n');
      lineOpen = false;
    },
  };
}
