import { dialog, shell, type BrowserWindow } from 'electron';
import type { MenuCommand } from '../../contract/bridge.js';
import type { Result } from '../../contract/result.js';
import type { MenuActions } from './applicationMenu.js';

export interface MenuActionDeps {
  library: { call(method: string, input: unknown): Promise<Result<unknown>> };
  window: () => BrowserWindow | null;
  pickFolder: () => Promise<string | null>;
  sendToUi: (command: MenuCommand) => void;
}

/**
 * Adding a folder and undoing a correction are done here, against the library, so they work whatever screen the
 * UI is on; the UI sees the result through the library's change events. Search and the review queue are the
 * UI's business and are passed to it.
 */
export function createMenuActions(deps: MenuActionDeps): MenuActions {
  const tell = async (message: string, detail: string): Promise<void> => {
    const options = { type: 'warning' as const, message, detail, buttons: ['OK'] };
    const window = deps.window();
    await (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
  };
  return {
    addFolder: () =>
      void (async () => {
        const folder = await deps.pickFolder();
        if (folder === null) return;
        const added = await deps.library.call('folders.add', { path: folder });
        if (!added.ok) await tell('Phototag could not add that folder', added.error.message);
      })(),
    undoCorrection: () =>
      void (async () => {
        const undone = await deps.library.call('corrections.undo', {});
        if (undone.ok) return;
        if (undone.error.kind === 'nothing-to-undo') shell.beep();
        else await tell('Phototag could not undo the last correction', undone.error.message);
      })(),
    focusSearch: () => deps.sendToUi('focus-search'),
    openReviewQueue: () => deps.sendToUi('open-review'),
  };
}
