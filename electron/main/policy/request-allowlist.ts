/**
 * Which requests the renderer may make. The workbench is offline by design: patient-level data
 * never leaves the machine, so every request that could reach a network (http, https, ws, ftp,
 * file, localhost included) is cancelled in session.webRequest.onBeforeRequest.
 */
import { isAppOriginUrl, parseUrl } from './app-origin';

/** Schemes that never leave the process: in-memory blobs, inline data and the devtools UI. */
const LOCAL_SCHEMES: ReadonlySet<string> = new Set(['blob:', 'data:', 'devtools:']);

/** True when a renderer request may proceed: the app origin itself, blob:, data: or devtools:. */
export function isAllowedRequest(url: string): boolean {
  const parsed = parseUrl(url);
  if (parsed === null) return false;
  if (LOCAL_SCHEMES.has(parsed.protocol)) return true;
  return isAppOriginUrl(url);
}

/** True when the main window may navigate to this URL (only pages of the workbench itself). */
export function isAppNavigation(url: string): boolean {
  return isAppOriginUrl(url);
}
