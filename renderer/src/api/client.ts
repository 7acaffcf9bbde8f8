import type { ApiEvent, ApiInput, ApiMethod, ApiOutput } from '../../../electron/contract/api.js';
import type { MenuCommand, PhototagBridge } from '../../../electron/contract/bridge.js';
import { mediaPath, type MediaRequest } from '../../../electron/contract/media.js';
import type { Result } from '../../../electron/contract/result.js';
import { httpTransport, type Transport } from './transport.js';

/** The renderer's one way to the library: typed calls and events of the contract, over whichever transport. */
export class PhototagClient {
  readonly pickFolder: (() => Promise<string | null>) | null;
  /** Desktop only: where a dropped file or folder is on disk. */
  readonly pathForFile: ((file: File) => string | null) | null;

  constructor(private readonly transport: Transport) {
    this.pickFolder = transport.pickFolder ? () => (transport.pickFolder as () => Promise<string | null>)() : null;
    this.pathForFile = transport.pathForFile ? (file) => (transport.pathForFile as (file: object) => string | null)(file) : null;
  }

  async call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<Result<ApiOutput<M>>> {
    try {
      return (await this.transport.call(method, input)) as Result<ApiOutput<M>>;
    } catch (error) {
      // A bridge is not supposed to reject; if one does, the screen still gets a Result to show.
      return { ok: false, error: { kind: 'internal', message: `${method} failed: ${(error as Error).message}` } };
    }
  }

  subscribe(listener: (event: ApiEvent) => void): () => void {
    return this.transport.subscribe(listener);
  }

  mediaUrl(request: MediaRequest): string {
    return this.transport.mediaUrl ? this.transport.mediaUrl(request) : mediaPath(request);
  }

  /**
   * A photo's thumbnail. Over HTTP the content hash rides along as `?v=`, so an edited photo's new thumbnail is
   * not hidden by the browser cache; the desktop app's media scheme takes no query and serves fresh files anyway.
   */
  thumbnailUrl(photo: { id: number; thumbnailHash: string }, size: 256 | 1024): string {
    const url = this.mediaUrl({ kind: 'thumb', photoId: photo.id, size });
    return this.transport.mediaUrl ? url : `${url}?v=${encodeURIComponent(photo.thumbnailHash.slice(0, 16))}`;
  }

  /** The desktop menu's commands for the UI; a no-op subscription in the browser. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void {
    return this.transport.onMenuCommand ? this.transport.onMenuCommand(listener) : () => {};
  }
}

/** Where a tab keeps its token for reloads: per origin (so per port) and per tab, gone when the tab closes. */
export const tokenStorageKey = 'phototag.token';

/**
 * Electron's preload bridge when there is one, else HTTP. The token in the URL is taken and then removed from the
 * address bar, so it does not end up in screenshots, bookmarks or the history; the tab keeps it in sessionStorage
 * for reloads. It is never a cookie: cookies are sent to every port on 127.0.0.1 (see electron/http/requestGuard.ts).
 */
export function createClient(win: Window & { phototag?: PhototagBridge }): PhototagClient {
  if (win.phototag) return new PhototagClient(win.phototag);
  const url = new URL(win.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    url.searchParams.delete('token');
    win.history.replaceState(win.history.state, '', url.pathname + url.search + url.hash);
  }
  return new PhototagClient(httpTransport(rememberedToken(win, fromUrl)));
}

/** The URL's token (remembered for reloads), else the one this tab remembered; storage may be disabled. */
function rememberedToken(win: Window, fromUrl: string | null): string | null {
  try {
    if (fromUrl) win.sessionStorage.setItem(tokenStorageKey, fromUrl);
    return fromUrl ?? win.sessionStorage.getItem(tokenStorageKey);
  } catch {
    return fromUrl;
  }
}
