import type { Session } from 'electron';
import { MEDIA_SCHEME } from '../protocols/schemes.js';

/**
 * The UI's Content-Security-Policy: our bundle's scripts and styles only (no inline code, no eval), pictures from
 * the bundle and the media scheme, no network at all — the library is reached over IPC, not fetch. `data:` is
 * allowed for images and fonts because Vite inlines small assets that way.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  `img-src 'self' data: ${MEDIA_SCHEME}:`,
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Adds the policy to every response the session receives. The app protocol sets it on the pages it serves as
 * well; this is the session-wide net for anything that reaches a renderer some other way.
 */
export function installContentSecurityPolicy(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] } });
  });
}
