/**
 * The desktop app's main process: one locked-down window over the renderer's build, the library in a utility
 * process (so indexing never blocks the window), and the bridge, protocols and menu between them. It holds no
 * library logic itself: that is LibraryHost's, in the library process.
 */
import os from 'node:os';
import path from 'node:path';
import { app, dialog, ipcMain, Menu, session, type BrowserWindow, type OpenDialogOptions } from 'electron';
import type { MenuCommand } from '../contract/bridge.js';
import { defaultDataDir, libraryPaths } from '../core/config/dataDir.js';
import { createLogger } from '../core/logging/logger.js';
import { appFiles } from './appFiles.js';
import { ipcChannels } from './ipc/bridgeChannels.js';
import { registerBridgeHandlers } from './ipc/registerBridgeHandlers.js';
import { forkLibraryProcess } from './library/forkLibraryProcess.js';
import { LibrarySupervisor } from './library/LibrarySupervisor.js';
import { applicationMenuTemplate } from './menu/applicationMenu.js';
import { createMenuActions } from './menu/menuActions.js';
import { registerAppProtocol } from './protocols/registerAppProtocol.js';
import { registerMediaProtocol } from './protocols/registerMediaProtocol.js';
import { registerPrivilegedSchemes } from './protocols/registerSchemes.js';
import { APP_START_URL } from './protocols/schemes.js';
import { installContentSecurityPolicy } from './security/contentSecurityPolicy.js';
import { lockDownContents } from './security/lockDownContents.js';
import { createMainWindow } from './window/createMainWindow.js';

// These must happen before `ready`: Electron accepts them only then.
app.setName('Phototag');
app.enableSandbox();
registerPrivilegedSchemes();

if (!app.requestSingleInstanceLock()) {
  // Another Phototag is running and owns the library (one writer per database); it brings its window forward.
  app.quit();
} else {
  app
    .whenReady()
    .then(startApp)
    .catch((error: Error) => {
      dialog.showErrorBox('Phototag could not start', error.stack ?? error.message);
      app.exit(1);
    });
}

function startApp(): void {
  const dataDir = defaultDataDir();
  const paths = libraryPaths(dataDir);
  const log = createLogger(paths.logs).child({ process: 'main' });
  const devTools = !app.isPackaged;
  const ui = session.defaultSession;
  lockDownContents(app, ui);
  installContentSecurityPolicy(ui);
  let window: BrowserWindow | null = null;

  const library = new LibrarySupervisor({
    launch: () =>
      forkLibraryProcess(appFiles.libraryProcess, {
        dataDir,
        // Packaged, the weights are copied next to the app (build/electron-builder.json, extraResources).
        modelDir: app.isPackaged ? path.join(process.resourcesPath, 'models') : null,
        // One core is left to the window and the main process, so the UI stays responsive while the models run.
        modelWorkers: Math.max(1, os.availableParallelism() - 1),
      }),
    log,
    onGaveUp: (problem) => dialog.showErrorBox('Phototag cannot open your library', `${problem}\n\nThe log is ${path.join(paths.logs, 'phototag.log')}.`),
  });
  library.start();

  registerAppProtocol(ui.protocol, appFiles.rendererDir);
  registerMediaProtocol(ui.protocol, library);

  const pickFolder = async (): Promise<string | null> => {
    const options: OpenDialogOptions = { title: 'Add a folder of photos', buttonLabel: 'Add Folder', properties: ['openDirectory'] };
    const picked = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    return picked.canceled ? null : (picked.filePaths[0] ?? null);
  };
  registerBridgeHandlers({ ipcMain, library, uiContents: () => window?.webContents ?? null, pickFolder, log });

  const sendToUi = (command: MenuCommand): void => {
    if (window && !window.isDestroyed()) window.webContents.send(ipcChannels.menu, command);
  };
  const actions = createMenuActions({ library, window: () => window, pickFolder, sendToUi });
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate(actions, { platform: process.platform, appName: 'Phototag', devTools })));

  const openWindow = (): void => {
    const opened = createMainWindow({ stateFile: path.join(dataDir, 'window-state.json'), preload: appFiles.preload, startUrl: APP_START_URL, devTools, log });
    opened.on('closed', () => {
      if (window === opened) window = null;
    });
    window = opened;
  };
  openWindow();

  app.on('second-instance', () => {
    if (!window) return openWindow();
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  // macOS keeps the app running with no window; clicking the dock icon brings one back.
  app.on('activate', () => {
    if (!window) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Quitting waits for the library to close (watcher stopped, work in flight stored, database closed).
  let libraryStopped = false;
  app.on('will-quit', (event) => {
    if (libraryStopped) return;
    event.preventDefault();
    void library.stop().finally(() => {
      libraryStopped = true;
      app.quit();
    });
  });
}
