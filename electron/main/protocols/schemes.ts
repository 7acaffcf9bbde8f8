/**
 * The desktop app's own URL schemes. App pages load from `phototag-app://app/…` rather than file:// so they get
 * a real origin ('self' in the CSP means exactly our bundle, not the whole disk), and pictures come from
 * `phototag-media://…`, which only ever answers for photos in the library.
 */
export const APP_SCHEME = 'phototag-app';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

export const MEDIA_SCHEME = 'phototag-media';

/** True for a URL of one of our app pages (not media, not another host on our scheme). */
export function isAppPageUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
}
