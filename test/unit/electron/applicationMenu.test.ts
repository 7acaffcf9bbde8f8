import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { applicationMenuTemplate, type MenuActions } from '../../../electron/main/menu/applicationMenu.js';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function recordingActions(): { actions: MenuActions; done: string[] } {
  const done: string[] = [];
  const actions: MenuActions = {
    addFolder: () => done.push('addFolder'),
    focusSearch: () => done.push('focusSearch'),
    openReviewQueue: () => done.push('openReviewQueue'),
    undoCorrection: () => done.push('undoCorrection'),
  };
  return { actions, done };
}

const byLabel = (items: MenuItemConstructorOptions[], label: string) => flatten(items).find((item) => item.label === label);

describe('application menu', () => {
  for (const platform of ['linux', 'win32', 'darwin'] as const) {
    it(`on ${platform}: every app command has its shortcut, and no two items share one`, () => {
      const { actions, done } = recordingActions();
      const items = applicationMenuTemplate(actions, { platform, appName: 'Phototag', devTools: true });
      const expected: [string, string, string][] = [
        ['Add Folder…', 'CmdOrCtrl+O', 'addFolder'],
        ['Search', 'CmdOrCtrl+F', 'focusSearch'],
        ['Review Queue', 'CmdOrCtrl+E', 'openReviewQueue'],
        ['Undo Last Tag Correction', 'CmdOrCtrl+Alt+Z', 'undoCorrection'],
      ];
      for (const [label, accelerator, action] of expected) {
        const item = byLabel(items, label);
        expect(item?.accelerator, label).toBe(accelerator);
        (item?.click as () => void)();
        expect(done.at(-1)).toBe(action);
      }
      const roles = flatten(items).map((item) => item.role);
      expect(roles).toEqual(expect.arrayContaining(['quit', 'reload', 'undo', 'copy', 'paste', 'toggleDevTools']));
      const accelerators = flatten(items).flatMap((item) => (item.accelerator ? [String(item.accelerator)] : []));
      expect(new Set(accelerators).size).toBe(accelerators.length);
    });
  }

  it('has no developer tools in a packaged app', () => {
    const items = applicationMenuTemplate(recordingActions().actions, { platform: 'linux', appName: 'Phototag', devTools: false });
    expect(flatten(items).some((item) => item.role === 'toggleDevTools')).toBe(false);
  });

  it('puts Quit in the app menu on macOS and in File elsewhere', () => {
    const mac = applicationMenuTemplate(recordingActions().actions, { platform: 'darwin', appName: 'Phototag', devTools: false });
    expect(mac[0]?.label).toBe('Phototag');
    expect(flatten([mac[0] as MenuItemConstructorOptions]).some((item) => item.role === 'quit')).toBe(true);
    const linux = applicationMenuTemplate(recordingActions().actions, { platform: 'linux', appName: 'Phototag', devTools: false });
    expect(linux[0]?.label).toBe('File');
    expect(flatten([linux[0] as MenuItemConstructorOptions]).some((item) => item.role === 'quit')).toBe(true);
  });
});
