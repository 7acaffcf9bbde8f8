import type { IpcMain, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../electron/contract/api.js';
import { ok, type Result } from '../../../electron/contract/result.js';
import { ipcChannels } from '../../../electron/main/ipc/bridgeChannels.js';
import { registerBridgeHandlers } from '../../../electron/main/ipc/registerBridgeHandlers.js';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

/** The parts of Electron's ipcMain, webContents and library that the handlers touch, recording what happens. */
function setup() {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: (channel: string, handler: Handler) => handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
  } as unknown as IpcMain;
  const sent: unknown[][] = [];
  const contents = { id: 3, destroyed: false, isDestroyed: () => contents.destroyed, send: (...args: unknown[]) => sent.push(args) };
  const libraryCalls: unknown[][] = [];
  const eventListeners = new Set<(event: ApiEvent) => void>();
  const library = {
    call: async (method: string, input: unknown): Promise<Result<unknown>> => {
      libraryCalls.push([method, input]);
      return ok('from the library');
    },
    subscribe: (listener: (event: ApiEvent) => void) => {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
  };
  const warnings: object[] = [];
  const unregister = registerBridgeHandlers({
    ipcMain,
    library,
    uiContents: () => contents as unknown as WebContents,
    pickFolder: async () => '/home/me/Pictures',
    log: { warn: (details) => warnings.push(details) },
  });
  const invoke = (channel: string, event: unknown, ...args: unknown[]) => Promise.resolve(handlers.get(channel)?.(event, ...args));
  const fromUi = { sender: { id: 3 }, senderFrame: { url: 'phototag-app://app/index.html', parent: null } };
  return { handlers, invoke, fromUi, contents, sent, libraryCalls, eventListeners, warnings, unregister };
}

describe('bridge IPC handlers in the main process', () => {
  it('forwards the UI’s calls to the library', async () => {
    const t = setup();
    expect(await t.invoke(ipcChannels.call, t.fromUi, 'photos.search', { query: 'dog' })).toEqual({ ok: true, value: 'from the library' });
    expect(await t.invoke(ipcChannels.pickFolder, t.fromUi)).toBe('/home/me/Pictures');
    expect(t.libraryCalls).toEqual([['photos.search', { query: 'dog' }]]);
  });

  it('refuses frames that are not the UI, and unknown methods, without bothering the library', async () => {
    const t = setup();
    const iframe = { sender: { id: 3 }, senderFrame: { url: 'phototag-app://app/index.html', parent: {} } };
    const otherContents = { ...t.fromUi, sender: { id: 4 } };
    const navigatedAway = { sender: { id: 3 }, senderFrame: { url: 'https://example.com/', parent: null } };
    for (const event of [iframe, otherContents, navigatedAway]) {
      expect(await t.invoke(ipcChannels.call, event, 'library.status', {})).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
      expect(await t.invoke(ipcChannels.pickFolder, event)).toBeNull();
    }
    expect(await t.invoke(ipcChannels.call, t.fromUi, 'fs.readFile', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { kind: 'unknown-method' } });
    expect(await t.invoke(ipcChannels.call, t.fromUi, { method: 'library.status' }, {})).toMatchObject({ ok: false, error: { kind: 'unknown-method' } });
    expect(t.libraryCalls).toEqual([]);
    expect(t.warnings).toHaveLength(6);
  });

  it('pushes library events to the UI on the event channel while its page is alive, and unregisters cleanly', () => {
    const t = setup();
    const event: ApiEvent = { type: 'library-changed', reason: 'tags' };
    for (const listener of t.eventListeners) listener(event);
    t.contents.destroyed = true;
    for (const listener of t.eventListeners) listener(event);
    expect(t.sent).toEqual([[ipcChannels.event, event]]);

    t.unregister();
    expect(t.handlers.size).toBe(0);
    expect(t.eventListeners.size).toBe(0);
  });
});
