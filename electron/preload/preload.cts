/**
 * The preload script of the main window: puts `window.phototag` (PhototagBridge) in the page and nothing else.
 * It runs sandboxed, where `require` knows only 'electron' and a few Node built-ins, so it is one file with no
 * runtime imports besides electron; everything it shares with the rest of the app is shared as types, checked
 * at compile time.
 */
import electron = require('electron');
import type { ApiEvent, ApiMethod } from '../contract/api.js';
import type { MenuCommand, PhototagBridge } from '../contract/bridge.js';
import type { MediaRequest } from '../contract/media.js';
import type { Result } from '../contract/result.js';
import type { IpcChannels } from './ipcChannels.js';

const { contextBridge, ipcRenderer, webUtils } = electron;

const channels: IpcChannels = { call: 'phototag:call', pickFolder: 'phototag:pick-folder', event: 'phototag:event', menu: 'phototag:menu' };

/** The contract's methods. The two checks below make the compiler reject a list that misses or invents one. */
const methods = [
  'library.status',
  'library.progress',
  'library.index',
  'folders.add',
  'folders.remove',
  'folders.browse',
  'photos.search',
  'photos.get',
  'photos.prepareView',
  'photos.onThisDay',
  'photos.timeline',
  'photos.locations',
  'photos.estimatedLocations',
  'map.countries',
  'search.facets',
  'tags.list',
  'tags.tree',
  'tags.setParent',
  'tags.suggest',
  'tags.accept',
  'tags.reject',
  'tags.add',
  'tags.remove',
  'tags.rename',
  'captions.set',
  'corrections.undo',
  'review.queue',
  'settings.models',
  'settings.setModels',
  'app.about',
  'people.list',
  'people.name',
  'people.merge',
  'people.removeFace',
  'people.assignFace',
  'people.rejectFace',
  'people.suggestions',
  'people.hide',
  'people.undo',
  'people.regroup',
  'people.recognition',
  'people.setRecognition',
  'xmp.settings',
  'xmp.setSettings',
  'text.settings',
  'text.setSettings',
  'xmp.export',
  'duplicates.list',
  'duplicates.keep',
  'duplicates.undo',
  'learning.teach',
  'learning.preview',
  'learning.suggestions',
  'learning.tag',
  'learning.tags',
  'learning.status',
  'learning.retrain',
  'learning.cancel',
  'learning.runs',
  'learning.run',
  'learning.rollback',
  'photos.similar',
  'photos.setFavorite',
  'photos.setRating',
  'albums.list',
  'albums.get',
  'albums.create',
  'albums.rename',
  'albums.setQuery',
  'albums.delete',
  'albums.addPhotos',
  'albums.removePhotos',
] as const satisfies readonly ApiMethod[];
type MissingMethods = Exclude<ApiMethod, (typeof methods)[number]>;
const everyMethodListed: [MissingMethods] extends [never] ? true : MissingMethods = true;
void everyMethodListed;

const knownMethods: ReadonlySet<string> = new Set(methods);
const menuCommands: ReadonlySet<string> = new Set<MenuCommand>(['focus-search', 'open-review']);

const failure = (kind: 'unknown-method' | 'internal', message: string): Result<never> => ({ ok: false, error: { kind, message } });

function requireFunction(value: unknown, what: string): asserts value is (...args: never[]) => unknown {
  if (typeof value !== 'function') throw new TypeError(`${what} needs a function`);
}

const bridge: PhototagBridge = {
  // Unknown methods are refused here, before anything crosses to the main process (which checks again).
  call(method: string, input: unknown): Promise<Result<unknown>> {
    if (typeof method !== 'string' || !knownMethods.has(method)) {
      return Promise.resolve(failure('unknown-method', `unknown method ${JSON.stringify(method)}`));
    }
    return (ipcRenderer.invoke(channels.call, method, input) as Promise<Result<unknown>>).catch((error: Error) =>
      failure('internal', `the desktop app did not answer ${method}: ${error.message}`),
    );
  },

  // The listener gets the event alone, never Electron's IpcRendererEvent (which would hand the page `sender`).
  subscribe(listener: (event: ApiEvent) => void): () => void {
    requireFunction(listener, 'subscribe');
    const forward = (_event: unknown, apiEvent: ApiEvent): void => listener(apiEvent);
    ipcRenderer.on(channels.event, forward);
    return () => {
      ipcRenderer.removeListener(channels.event, forward);
    };
  },

  pickFolder(): Promise<string | null> {
    return (ipcRenderer.invoke(channels.pickFolder) as Promise<string | null>).catch(() => null);
  },

  // Electron no longer puts a `path` on dropped Files; webUtils gives it in the preload only. '' means none.
  pathForFile(file: object): string | null {
    try {
      return webUtils.getPathForFile(file as File) || null;
    } catch {
      return null;
    }
  },

  // The same format the main process's media protocol parses (electron/main/protocols/mediaUrl.ts).
  mediaUrl(request: MediaRequest): string {
    if (request.kind === 'thumb') return `phototag-media://thumb/${request.photoId}/${request.size}`;
    return request.kind === 'large' ? `phototag-media://large/${request.photoId}` : `phototag-media://photo/${request.photoId}`;
  },

  onMenuCommand(listener: (command: MenuCommand) => void): () => void {
    requireFunction(listener, 'onMenuCommand');
    const forward = (_event: unknown, command: unknown): void => {
      if (typeof command === 'string' && menuCommands.has(command)) listener(command as MenuCommand);
    };
    ipcRenderer.on(channels.menu, forward);
    return () => {
      ipcRenderer.removeListener(channels.menu, forward);
    };
  },
};

contextBridge.exposeInMainWorld('phototag', bridge);
