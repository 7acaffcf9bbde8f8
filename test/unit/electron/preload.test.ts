import fs from 'node:fs';
import vm from 'node:vm';
import ts from 'typescript';
import { beforeEach, describe, expect, it } from 'vitest';
import { apiMethods, type ApiEvent } from '../../../electron/contract/api.js';
import type { MenuCommand, PhototagBridge } from '../../../electron/contract/bridge.js';
import { parseMediaUrl } from '../../../electron/main/protocols/mediaUrl.js';
import { ipcChannels } from '../../../electron/main/ipc/bridgeChannels.js';

const source = fs.readFileSync(new URL('../../../electron/preload/preload.cts', import.meta.url), 'utf8');
const compiled = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;

type Listener = (event: unknown, ...args: unknown[]) => void;

/** Electron's ipcRenderer, recording what the preload sends; `emit` plays the main process sending to the page. */
class FakeIpcRenderer {
  readonly invoked: unknown[][] = [];
  readonly listeners = new Map<string, Set<Listener>>();
  answer: (channel: string, ...args: unknown[]) => Promise<unknown> = async () => ({ ok: true, value: 'answered' });

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push([channel, ...args]);
    return this.answer(channel, ...args);
  }
  on(channel: string, listener: Listener): void {
    if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
    this.listeners.get(channel)?.add(listener);
  }
  removeListener(channel: string, listener: Listener): void {
    this.listeners.get(channel)?.delete(listener);
  }
  emit(channel: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(channel) ?? []) listener({ sender: 'the IpcRendererEvent, which the page must not get' }, ...args);
  }
}

/**
 * Runs the preload as a sandboxed renderer does: a fresh context whose `require` knows only 'electron'. A
 * runtime import of anything else (the contract, zod, node:fs) throws here just as it would in the app.
 */
function loadPreload(): { bridge: PhototagBridge; exposedAs: string[]; ipc: FakeIpcRenderer } {
  const ipc = new FakeIpcRenderer();
  const exposed = new Map<string, unknown>();
  // Electron's webUtils: a dropped File's path, '' for one that has none (made in the page).
  const webUtils = { getPathForFile: (file: { path?: string }) => file.path ?? '' };
  const electron = { contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) }, ipcRenderer: ipc, webUtils };
  const sandboxRequire = (name: string): unknown => {
    if (name === 'electron') return electron;
    throw new Error(`module not found: ${name} (a sandboxed preload can only require electron)`);
  };
  const module = { exports: {} };
  vm.runInNewContext(compiled, { require: sandboxRequire, module, exports: module.exports, Promise, JSON, TypeError });
  return { bridge: exposed.get('phototag') as PhototagBridge, exposedAs: [...exposed.keys()], ipc };
}

describe('preload bridge', () => {
  let loaded: ReturnType<typeof loadPreload>;
  beforeEach(() => {
    loaded = loadPreload();
  });

  it('exposes exactly the bridge on window.phototag, needing nothing but electron at runtime', () => {
    expect(loaded.exposedAs).toEqual(['phototag']);
    expect(Object.keys(loaded.bridge).sort()).toEqual(['call', 'mediaUrl', 'onMenuCommand', 'pathForFile', 'pickFolder', 'subscribe']);
  });

  it('sends every contract method to the main process, and refuses unknown ones without sending them', async () => {
    for (const method of apiMethods) {
      expect(await loaded.bridge.call(method, { any: 'input' })).toEqual({ ok: true, value: 'answered' });
    }
    expect(loaded.ipc.invoked).toEqual(apiMethods.map((method) => [ipcChannels.call, method, { any: 'input' }]));

    loaded.ipc.invoked.length = 0;
    for (const method of ['photos.delete', 'constructor', '__proto__', 'toString', '', 42, null]) {
      const result = await loaded.bridge.call(method as string, {});
      expect(result.ok).toBe(false);
      expect(result.ok ? null : result.error.kind).toBe('unknown-method');
    }
    expect(loaded.ipc.invoked).toEqual([]);
  });

  it('turns a failed invoke into a Result instead of a rejection', async () => {
    loaded.ipc.answer = async () => {
      throw new Error("No handler registered for 'phototag:call'");
    };
    expect(await loaded.bridge.call('library.status', {})).toEqual({
      ok: false,
      error: { kind: 'internal', message: "the desktop app did not answer library.status: No handler registered for 'phototag:call'" },
    });
    expect(await loaded.bridge.pickFolder?.()).toBeNull();
  });

  it('passes events to subscribers without the IPC event object, until they unsubscribe', () => {
    const seen: unknown[][] = [];
    const unsubscribe = loaded.bridge.subscribe((...args: unknown[]) => seen.push(args));
    const event: ApiEvent = { type: 'library-changed', reason: 'folders' };
    loaded.ipc.emit(ipcChannels.event, event);
    unsubscribe();
    loaded.ipc.emit(ipcChannels.event, event);
    expect(seen).toEqual([[event]]);
    expect(() => loaded.bridge.subscribe('not a function' as unknown as () => void)).toThrow(TypeError);
  });

  it('passes on only the menu commands it knows', () => {
    const commands: MenuCommand[] = [];
    const unsubscribe = loaded.bridge.onMenuCommand?.((command) => commands.push(command));
    loaded.ipc.emit(ipcChannels.menu, 'focus-search');
    loaded.ipc.emit(ipcChannels.menu, 'format-disk');
    loaded.ipc.emit(ipcChannels.menu, { toString: () => 'open-review' });
    loaded.ipc.emit(ipcChannels.menu, 'open-review');
    unsubscribe?.();
    loaded.ipc.emit(ipcChannels.menu, 'focus-search');
    expect(commands).toEqual(['focus-search', 'open-review']);
  });

  it('asks the main process for a folder over its own channel', async () => {
    loaded.ipc.answer = async () => '/home/me/Pictures';
    expect(await loaded.bridge.pickFolder?.()).toBe('/home/me/Pictures');
    expect(loaded.ipc.invoked).toEqual([[ipcChannels.pickFolder]]);
  });

  it("gives a dropped folder's path through webUtils, and null for a file without one", () => {
    expect(loaded.bridge.pathForFile?.({ path: '/home/me/Pictures/Trip' })).toBe('/home/me/Pictures/Trip');
    expect(loaded.bridge.pathForFile?.({})).toBeNull();
    expect(loaded.ipc.invoked).toEqual([]);
  });

  it('builds the media URLs the main process serves', () => {
    const thumb = loaded.bridge.mediaUrl?.({ kind: 'thumb', photoId: 12, size: 1024 }) ?? '';
    const original = loaded.bridge.mediaUrl?.({ kind: 'original', photoId: 12 }) ?? '';
    expect(parseMediaUrl(loaded.bridge.mediaUrl?.({ kind: 'large', photoId: 12 }) ?? '')).toEqual({ kind: 'large', photoId: 12 });
    expect(parseMediaUrl(thumb)).toEqual({ kind: 'thumb', photoId: 12, size: 1024 });
    expect(parseMediaUrl(original)).toEqual({ kind: 'original', photoId: 12 });
  });
});
