import { randomBytes, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';

/**
 * Who may do what on the loopback server. Cookies ignore ports, so every other program serving pages on
 * 127.0.0.1 is "same-site" to us and is sent our cookies: a cookie can therefore never be what authorises an API
 * call, and its value must be worthless to whoever receives it elsewhere.
 *
 * - The API token is a header-only credential (`x-phototag-token`), which no form, <img> or no-cors fetch from
 *   another page can set.
 * - A separate random media secret, in an HttpOnly SameSite=Strict cookie named after the port, lets <img> and
 *   EventSource (which cannot send headers) read media and the event stream, and nothing else.
 * - A request that says it comes from another origin or site is refused whatever it carries.
 */
export interface Credentials {
  apiToken: string;
  mediaSecret: string;
  cookieName: string;
}

/** Named after the port, so two servers (two users', two libraries) never overwrite each other's cookie. */
export function mediaCookieName(port: number): string {
  return `phototag_media_${port}`;
}

export function newCredentials(port: number, apiToken?: string): Credentials {
  return {
    apiToken: apiToken ?? randomBytes(24).toString('base64url'),
    mediaSecret: randomBytes(24).toString('base64url'),
    cookieName: mediaCookieName(port),
  };
}

export function sameSecret(given: string | undefined, secret: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Why a request from a page on another origin must be refused, or null when it is our own page's or a
 * non-browser client's. `host` is the Host header already checked to be ours. Browsers send Origin on every
 * cross-origin request and every POST, and Sec-Fetch-Site on every request; an absent header is a non-browser
 * client (curl, the CLI's tests), which the token alone decides on.
 */
export function foreignRequestReason(req: http.IncomingMessage, host: string): string | null {
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) return `requests from other pages (Origin ${JSON.stringify(origin)}) are refused`;
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return `requests from other sites (Sec-Fetch-Site: ${site}) are refused`;
  return null;
}

/** The API token from its one accepted place, the `x-phototag-token` header. */
export function hasApiToken(req: http.IncomingMessage, credentials: Credentials): boolean {
  const header = req.headers['x-phototag-token'];
  return typeof header === 'string' && sameSecret(header, credentials.apiToken);
}

export function hasMediaCookie(req: http.IncomingMessage, credentials: Credentials): boolean {
  const prefix = credentials.cookieName + '=';
  const cookie = req.headers.cookie
    ?.split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(prefix));
  return sameSecret(cookie?.slice(prefix.length), credentials.mediaSecret);
}

/** Set on the first page load (the one with `?token=`), for <img> and EventSource on this port only. */
export function mediaCookieHeader(credentials: Credentials): string {
  return `${credentials.cookieName}=${credentials.mediaSecret}; HttpOnly; SameSite=Strict; Path=/`;
}
