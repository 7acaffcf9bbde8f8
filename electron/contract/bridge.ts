import type { ApiEvent } from './api.js';
import type { MediaRequest } from './media.js';
import type { Result } from './result.js';

/**
 * What Electron's preload exposes as `window.phototag` (contextBridge). The renderer's client speaks the contract
 * over this when it is present and over HTTP (`/api/<method>`, `/api/events`) when it is not.
 */
export interface PhototagBridge {
  /** Validated and run by the main process's LibraryHost; never rejects, every failure is a Result. */
  call(method: string, input: unknown): Promise<Result<unknown>>;
  /** Returns the unsubscribe function. */
  subscribe(listener: (event: ApiEvent) => void): () => void;
  /** A native folder picker; resolves to null when the user cancels. */
  pickFolder?(): Promise<string | null>;
  /**
   * Desktop only: the path on disk of a file or folder dropped onto the window (a DOM File; typed loosely because
   * the contract compiles without the DOM), or null when it has none.
   */
  pathForFile?(file: object): string | null;
  /** Where an <img> finds a thumbnail or original; defaults to the HTTP shell's `/media/...` paths. */
  mediaUrl?(request: MediaRequest): string;
  /** Desktop only: the app menu's shortcuts that act on the UI (Ctrl+F, Ctrl+E). Returns the unsubscribe function. */
  onMenuCommand?(listener: (command: MenuCommand) => void): () => void;
}

/**
 * What the desktop menu asks the UI to do. Menu items the library can carry out alone (Add Folder…, Undo
 * Correction) run in the main process; the UI hears about their effect through `subscribe`.
 */
export type MenuCommand = 'focus-search' | 'open-review';
