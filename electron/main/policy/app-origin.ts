/**
 * The one origin the workbench UI lives on. IndexedDB data is tied to it, so it never changes:
 * app://workbench (a privileged, standard, secure custom scheme served from out/renderer).
 */

/** Custom scheme the renderer is served from. */
export const APP_SCHEME = 'app';

/** The only host the app scheme answers for. */
export const APP_HOST = 'workbench';

/** Origin of every trusted page, e.g. for sender checks. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The page the main window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Parse a URL, or null when it is not a URL at all. */
export function parseUrl(url: string | null | undefined): URL | null {
  if (typeof url !== 'string' || url.length === 0) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True when the URL is on the workbench origin exactly: app scheme, host "workbench", no
 * credentials, no port. (The URL parser keeps non-special hosts as written, so case matters.)
 */
export function isAppOriginUrl(url: string | null | undefined): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
