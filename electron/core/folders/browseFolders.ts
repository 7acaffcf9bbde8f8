import fs from 'node:fs';
import path from 'node:path';
import type { FolderListingView } from '../../contract/views.js';
import { LibraryError } from '../library/errors.js';
import { isSameOrInside } from '../paths/isInside.js';

/** Where the web UI's folder browser may look: the user's home and the folders already in the library. */
export interface BrowseRoots {
  home: string;
  libraryFolders: readonly string[];
}

/** A folder with more subfolders than this lists the first ones and says so; nobody scrolls past them. */
export const maxListedFolders = 2000;

/**
 * The subfolders of one folder, for adding a folder from a browser tab (`phototag serve`), where there is no native
 * picker. The page is a stranger to the file system: it may only look inside the user's home and the library's
 * folders, judged on real paths, so neither `..` nor a symbolic link leads it anywhere else; a link whose target
 * lies outside is left out of the listing. Hidden folders are left out unless asked for.
 */
export function browseFolders(input: { path?: string | undefined; showHidden?: boolean | undefined }, roots: BrowseRoots): FolderListingView {
  const allowed = realRoots(roots);
  const requested = input.path ?? roots.home;
  if (!path.isAbsolute(requested)) throw new LibraryError('bad-request', `Give a full path to browse, not ${JSON.stringify(requested)}.`);
  // Refused as written, before resolving: a path that climbs is never what the browser's own links send.
  if (requested.split(/[\\/]+/).includes('..')) throw notBrowsable(requested);
  const real = realFolder(requested);
  if (!allowed.some((root) => isSameOrInside(real, root))) throw notBrowsable(requested);

  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(real, { withFileTypes: true });
  } catch (error) {
    throw new LibraryError('forbidden', `${real} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
  const folders: FolderListingView['folders'] = [];
  for (const entry of entries) {
    if (!input.showHidden && entry.name.startsWith('.')) continue;
    const full = path.join(real, entry.name);
    if (entry.isDirectory()) folders.push({ name: entry.name, path: full });
    else if (entry.isSymbolicLink()) {
      // A link is offered under its own name but opens at its target, and only when that target may be browsed.
      const target = linkedFolder(full);
      if (target !== null && allowed.some((root) => isSameOrInside(target, root))) folders.push({ name: entry.name, path: target });
    }
  }
  folders.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true }));
  const parent = path.dirname(real);
  return {
    path: real,
    parent: parent !== real && allowed.some((root) => isSameOrInside(parent, root)) ? parent : null,
    roots: allowed,
    folders: folders.slice(0, maxListedFolders),
    truncated: folders.length > maxListedFolders,
  };
}

function notBrowsable(requested: string): LibraryError {
  return new LibraryError('folder-not-browsable', `${requested} is outside your home folder and the library's folders, so it cannot be browsed from here. Type its path instead.`);
}

function realRoots(roots: BrowseRoots): string[] {
  const real: string[] = [];
  for (const root of [roots.home, ...roots.libraryFolders]) {
    try {
      const resolved = fs.realpathSync(root);
      if (!real.some((r) => isSameOrInside(resolved, r))) real.push(resolved);
    } catch {
      // A library folder that is gone (an unplugged disk) is simply not offered.
    }
  }
  return real;
}

function realFolder(requested: string): string {
  let real: string;
  try {
    real = fs.realpathSync(requested);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new LibraryError('folder-not-found', `${requested} does not exist.`);
    if (code === 'ENOTDIR') throw new LibraryError('not-a-folder', `${requested} is not a folder.`);
    throw new LibraryError('forbidden', `${requested} cannot be read: ${code ?? (error as Error).message}.`);
  }
  if (!fs.statSync(real).isDirectory()) throw new LibraryError('not-a-folder', `${requested} is not a folder.`);
  return real;
}

function linkedFolder(link: string): string | null {
  try {
    const target = fs.realpathSync(link);
    return fs.statSync(target).isDirectory() ? target : null;
  } catch {
    return null;
  }
}
