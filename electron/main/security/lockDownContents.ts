import type { App, Session } from 'electron';
import { isAppPageUrl } from '../protocols/schemes.js';

/**
 * Hardening for every webContents the app ever creates, not just the main window: no new windows, no
 * <webview>, no device permissions, and no navigation except the top frame moving between our own app pages
 * (a reload, or a full-page route of the UI). Everything else is refused, not judged case by case.
 */
export function lockDownContents(app: App, session: Session): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-frame-navigate', (event) => {
      if (!event.isMainFrame || !isAppPageUrl(event.url)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => {
      if (!isAppPageUrl(event.url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
