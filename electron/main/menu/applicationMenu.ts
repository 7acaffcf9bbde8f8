import type { MenuItemConstructorOptions } from 'electron';

/** What the menu's own items do; the standard ones (copy, reload, quit…) are Electron roles. */
export interface MenuActions {
  addFolder(): void;
  focusSearch(): void;
  openReviewQueue(): void;
  undoCorrection(): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  /** Developer tools are in the menu (and openable at all) only in a development run, never in a packaged app. */
  devTools: boolean;
}

/**
 * The application menu. Ctrl/Cmd+Z stays the text fields' undo (the Edit roles); undoing a tag correction is
 * Ctrl/Cmd+Alt+Z so the two never fight over one shortcut.
 */
export function applicationMenuTemplate(actions: MenuActions, options: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';
  const quit: MenuItemConstructorOptions = { label: isMac ? `Quit ${options.appName}` : 'Quit', role: 'quit', accelerator: 'CmdOrCtrl+Q' };
  const template: MenuItemConstructorOptions[] = [];
  if (isMac) {
    template.push({
      label: options.appName,
      submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, quit],
    });
  }
  template.push({
    label: 'File',
    submenu: [{ label: 'Add Folder…', accelerator: 'CmdOrCtrl+O', click: () => actions.addFolder() }, ...(isMac ? [] : [{ type: 'separator' } as const, quit])],
  });
  template.push({
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
      { type: 'separator' },
      { label: 'Undo Last Tag Correction', accelerator: 'CmdOrCtrl+Alt+Z', click: () => actions.undoCorrection() },
    ],
  });
  template.push({
    label: 'View',
    submenu: [
      { label: 'Search', accelerator: 'CmdOrCtrl+F', click: () => actions.focusSearch() },
      { label: 'Review Queue', accelerator: 'CmdOrCtrl+E', click: () => actions.openReviewQueue() },
      { type: 'separator' },
      { role: 'reload', accelerator: 'CmdOrCtrl+R' },
      ...(options.devTools ? [{ role: 'toggleDevTools', accelerator: isMac ? 'Alt+Cmd+I' : 'Ctrl+Shift+I' } as const] : []),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  });
  template.push({ label: 'Window', role: 'windowMenu' });
  return template;
}
