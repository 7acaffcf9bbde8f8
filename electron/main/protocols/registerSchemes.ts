import { protocol } from 'electron';
import { APP_SCHEME, MEDIA_SCHEME } from './schemes.js';

/**
 * Declares our schemes standard and secure, which Electron only accepts before the app is ready. Standard gives
 * them real origins and relative URLs; secure makes them a secure context like https, so the UI gets the APIs a
 * secure context gets and the CSP's 'self' applies. Neither may bypass the CSP.
 */
export function registerPrivilegedSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}
