/**
 * The app:// protocol handler body: serve a built renderer file with its security headers, or
 * 404. Uses only Fetch Request/Response and node:fs, so it is tested without Electron.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { appRelativePath, isInsideRoot, resolveAppPath } from './policy/app-protocol';
import { notFoundHeaders, responseHeadersFor } from './policy/response-headers';

/** A 404 that reveals nothing about the file system. */
function notFound(): Response {
  return new Response('Not found', { status: 404, headers: notFoundHeaders() });
}

/** Answer one app://workbench request from the renderer folder `root`. */
export async function serveAppRequest(root: string, request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response('Method not allowed', { status: 405, headers: notFoundHeaders() });
  }
  const relative = appRelativePath(request.url);
  const filePath = resolveAppPath(root, request.url);
  if (relative === null || filePath === null) return notFound();
  try {
    // Symlinks must not lead out of the renderer folder either.
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(filePath)]);
    if (!isInsideRoot(realRoot, realFile)) return notFound();
    if (!(await stat(realFile)).isFile()) return notFound();
    const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(realFile));
    return new Response(body, { status: 200, headers: responseHeadersFor(relative) });
  } catch {
    return notFound();
  }
}
