import envPaths from 'env-paths';
import path from 'node:path';

/** Where a library lives when the user names none: the OS's per-user app data dir (XDG, Application Support, AppData). */
export function defaultDataDir(): string {
  return process.env.PHOTOTAG_DATA_DIR ?? envPaths('Phototag', { suffix: '' }).data;
}

export interface LibraryPaths {
  dataDir: string;
  database: string;
  thumbnails: string;
  logs: string;
  lock: string;
}

export function libraryPaths(dataDir: string): LibraryPaths {
  const dir = path.resolve(dataDir);
  return {
    dataDir: dir,
    database: path.join(dir, 'library.db'),
    thumbnails: path.join(dir, 'thumbnails'),
    logs: path.join(dir, 'logs'),
    lock: path.join(dir, 'indexer.lock'),
  };
}
