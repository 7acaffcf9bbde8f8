import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Real small and read-only file systems for tests of a full or read-only disk: tmpfs and read-only bind mounts.
 * Only root may mount (and CI runs as root); root ignores permission bits, so a read-only mount is the only real
 * read-only disk. Every mount made here must be undone with `unmount` in afterAll/finally.
 */
function mount(args: readonly string[]): { ok: boolean; error: string } {
  const result = spawnSync('mount', args, { encoding: 'utf8' });
  return { ok: result.status === 0, error: (result.stderr || result.error?.message || `mount exited ${result.status}`).trim() };
}

/** Why this process cannot mount file systems, or null when it can (tried once, on a throwaway tmpfs). */
export const mountProblem: string | null = (() => {
  if (process.platform !== 'linux') return `mounting is Linux-only here (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return 'mounting needs root (CI runs the tests as root)';
  const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'phototag-mount-probe-'));
  try {
    const tried = mount(['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]);
    if (!tried.ok) return `cannot mount a tmpfs here: ${tried.error}`;
    unmount(probe);
    return null;
  } finally {
    fs.rmSync(probe, { recursive: true, force: true });
  }
})();

export function mountTmpfs(dir: string, size: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const done = mount(['-t', 'tmpfs', '-o', `size=${size},mode=0755`, 'tmpfs', dir]);
  if (!done.ok) throw new Error(`cannot mount a ${size} tmpfs on ${dir}: ${done.error}`);
}

/** Grows (or shrinks) a tmpfs mounted with mountTmpfs; its files stay. */
export function resizeTmpfs(dir: string, size: string): void {
  const done = mount(['-o', `remount,size=${size}`, dir]);
  if (!done.ok) throw new Error(`cannot resize the tmpfs on ${dir}: ${done.error}`);
}

/** `source` seen read-only at `target` (a bind mount, then remounted read-only: one step is ignored by old kernels). */
export function bindReadOnly(source: string, target: string): void {
  fs.mkdirSync(target, { recursive: true });
  let done = mount(['--bind', source, target]);
  if (done.ok) done = mount(['-o', 'remount,bind,ro', target]);
  if (!done.ok) {
    unmount(target);
    throw new Error(`cannot bind ${source} read-only on ${target}: ${done.error}`);
  }
}

/** Undoes a mount made here; quiet when nothing is mounted there. Lazy, so a file still open never keeps it. */
export function unmount(dir: string): void {
  spawnSync('umount', ['-l', dir], { encoding: 'utf8' });
}
