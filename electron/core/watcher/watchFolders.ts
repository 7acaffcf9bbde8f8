import { watch, type FSWatcher } from 'chokidar';
import path from 'node:path';
import { isIgnoredDir, isPhotoPath } from '../adapters/photoFiles.js';

export type FolderEvent =
  | { type: 'upsert'; path: string }
  | { type: 'remove'; path: string }
  | { type: 'remove-dir'; path: string }
  | { type: 'error'; error: Error };

export interface FolderWatcher {
  add(folder: string): void;
  remove(folder: string): void;
  close(): Promise<void>;
}

export interface WatchOptions {
  /** How long a file's size must hold still before we read it: a copy in progress is not a photo yet. */
  stabilityMs?: number;
  /** Poll instead of inotify (network shares, some container filesystems). */
  usePolling?: boolean;
}

/** Watches library folders for photo files appearing, changing and going. Resolves once the watcher is ready. */
export async function watchFolders(folders: readonly string[], onEvent: (event: FolderEvent) => void, options: WatchOptions = {}): Promise<FolderWatcher> {
  const watcher: FSWatcher = watch([...folders], {
    ignoreInitial: true,
    followSymlinks: false,
    usePolling: options.usePolling ?? false,
    awaitWriteFinish: { stabilityThreshold: options.stabilityMs ?? 400, pollInterval: 100 },
    ignored: (file, stats) => {
      const base = path.basename(file);
      if (stats?.isDirectory()) return isIgnoredDir(base) && !folders.includes(file);
      if (stats?.isFile()) return !isPhotoPath(file);
      return false;
    },
  });
  watcher.on('add', (file) => onEvent({ type: 'upsert', path: file }));
  watcher.on('change', (file) => onEvent({ type: 'upsert', path: file }));
  watcher.on('unlink', (file) => onEvent({ type: 'remove', path: file }));
  watcher.on('unlinkDir', (dir) => onEvent({ type: 'remove-dir', path: dir }));
  watcher.on('error', (error) => onEvent({ type: 'error', error: error instanceof Error ? error : new Error(String(error)) }));
  // chokidar says "ready" after its first walk; with nothing to walk it never does, and we would wait forever.
  if (folders.length > 0) await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    add: (folder) => void watcher.add(folder),
    remove: (folder) => void watcher.unwatch(folder),
    close: () => watcher.close(),
  };
}
