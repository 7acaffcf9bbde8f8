import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Where the desktop app's own files are, relative to this compiled module (dist/electron/main/): the same
 * layout in a development checkout and inside a packaged app's app.asar.
 */
export const appFiles = {
  preload: path.join(here, '..', 'preload', 'preload.cjs'),
  libraryProcess: path.join(here, 'library', 'libraryProcess.js'),
  rendererDir: path.join(here, '..', '..', '..', 'renderer', 'dist'),
};
