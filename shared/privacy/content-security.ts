/**
 * Content-Security-Policy for the workbench, the same in Electron (app:// protocol) and in the
 * local web server. The page gets a strict policy with no eval. Arquero compiles expressions with
 * the Function constructor, so it only runs inside dedicated workers, whose scripts are served
 * with their own policy allowing 'unsafe-eval' (a worker's CSP comes from its own response).
 */

const COMMON = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
];

/** Policy for the page and every non-worker resource: no eval, nothing off-origin. */
export const PAGE_CSP = ["script-src 'self'", ...COMMON].join('; ');

/** Policy for worker scripts: Arquero's compiled expressions need 'unsafe-eval', nothing else changes. */
export const WORKER_CSP = ["script-src 'self' 'unsafe-eval'", ...COMMON].join('; ');

/** Worker bundles are named *.worker-<hash>.js by the build (see vite configs). */
export function isWorkerScript(urlPath: string): boolean {
  return /\.worker-[\w-]+\.js$/.test(urlPath) || /\.worker\.js$/.test(urlPath);
}

/** The policy to send with the response for this path. */
export function cspForPath(urlPath: string): string {
  return isWorkerScript(urlPath) ? WORKER_CSP : PAGE_CSP;
}
