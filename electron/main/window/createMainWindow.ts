import { BrowserWindow, screen } from 'electron';
import { minimumWindowSize, readWindowState, writeWindowState } from './windowState.js';

export interface MainWindowOptions {
  /** `<data dir>/window-state.json` */
  stateFile: string;
  preload: string;
  startUrl: string;
  devTools: boolean;
  log: { warn(details: object, message: string): void };
}

/**
 * The one Phototag window, locked down: the page gets no Node, runs sandboxed in its own JavaScript world
 * (contextIsolation) and reaches the app only through the preload's bridge. It opens where it was last closed.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const state = readWindowState(
    options.stateFile,
    screen.getAllDisplays().map((display) => display.workArea),
    screen.getPrimaryDisplay().workArea,
  );
  const window = new BrowserWindow({
    ...state.bounds,
    minWidth: minimumWindowSize.width,
    minHeight: minimumWindowSize.height,
    title: 'Phototag',
    show: false,
    backgroundColor: '#1c1c1e',
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: options.devTools,
    },
  });
  if (state.maximized) window.maximize();
  // Shown once painted, so the window never flashes white before the UI's first frame.
  window.once('ready-to-show', () => window.show());
  window.on('close', () => {
    try {
      writeWindowState(options.stateFile, { bounds: window.getNormalBounds(), maximized: window.isMaximized() });
    } catch (error) {
      options.log.warn({ err: (error as Error).message }, 'could not remember the window position');
    }
  });
  void window.loadURL(options.startUrl);
  return window;
}
