/**
 * Maps app://workbench/<path> requests onto files in the built renderer folder, refusing
 * anything that could escape it (traversal, encoded separators, absolute paths, NUL, drives).
 */
import path from 'node:path';
import { APP_HOST, APP_SCHEME, parseUrl } from './app-origin';

/** The file served for the origin root. */
export const APP_INDEX_FILE = 'index.html';

/** Characters no served file name contains: separators, NUL, drive/stream colons, controls. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_IN_SEGMENT = /[\\/:\u0000-\u001f\u007f]/;

/**
 * The URL path of an app:// request relative to the renderer root ("assets/x.js"), or null
 * when the request is not for app://workbench or names a path that is not a plain relative file.
 */
export function appRelativePath(requestUrl: string): string | null {
  // Checked on the raw text too: the URL parser would silently fold some of these away.
  if (requestUrl.includes('\\') || requestUrl.includes('\u0000')) return null;
  const parsed = parseUrl(requestUrl);
  if (parsed === null || parsed.protocol !== `${APP_SCHEME}:` || parsed.hostname !== APP_HOST) return null;
  if (parsed.port !== '' || parsed.username !== '' || parsed.password !== '') return null;

  let decoded: string;
  try {
    decoded = decodeURIComponent(parsed.pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  if (decoded === '' || decoded === '/') return APP_INDEX_FILE;
  if (!decoded.startsWith('/')) return null;

  const segments = decoded.slice(1).split('/');
  for (const segment of segments) {
    if (segment === '' || segment === '.' || segment === '..') return null;
    if (segment.startsWith('.')) return null; // no dotfiles, no "..." tricks
    if (FORBIDDEN_IN_SEGMENT.test(segment)) return null;
  }
  return segments.join('/');
}

/** True when `candidate` is `root` itself or lies inside it (both absolute). */
export function isInsideRoot(root: string, candidate: string): boolean {
  const relative = path.relative(path.resolve(root), path.resolve(candidate));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * Absolute file path inside `root` for an app://workbench request, "/" meaning index.html; null
 * when the request is refused (the protocol handler then answers 404).
 */
export function resolveAppPath(root: string, requestUrl: string): string | null {
  const relative = appRelativePath(requestUrl);
  if (relative === null) return null;
  const resolvedRoot = path.resolve(root);
  const filePath = path.resolve(resolvedRoot, ...relative.split('/'));
  return isInsideRoot(resolvedRoot, filePath) ? filePath : null;
}
