import cliProgress from 'cli-progress';
import type { IndexProgress } from '../core/library/progress.js';

export interface ProgressView {
  update(p: IndexProgress): void;
  stop(): void;
}

export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '--';
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${String(Math.ceil(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(seconds / 3600)}h${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m`;
}

/** A progress bar on a terminal; nothing at all when output is piped or JSON was asked for. */
export function createProgressView(enabled: boolean): ProgressView {
  if (!enabled) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      format: '{phase} [{bar}] {value}/{total} analysed | {scanned} files scanned | {failed} failed | {rate}/s | ETA {eta_h}',
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
      fps: 10,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(p) {
      const value = p.done + p.failed;
      const total = Math.max(value + p.queued, 1);
      const payload = { phase: p.phase.padEnd(9), scanned: p.scanned, failed: p.failed, rate: p.rate.toFixed(1), eta_h: formatEta(p.etaSeconds) };
      if (!started) {
        bar.start(total, value, payload);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(value, payload);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
