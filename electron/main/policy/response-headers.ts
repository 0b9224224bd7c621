/**
 * Headers for every app:// response. The Content-Security-Policy is the shared one (the same the
 * web build's server sends), for pages, scripts and workers alike: no eval anywhere.
 */
import { CONTENT_SECURITY_POLICY } from '../../../shared/host/content-security';

/** Content types by lower-case file extension; anything else is served as opaque bytes. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.parquet': 'application/vnd.apache.parquet',
};

/** Served when the extension is unknown: with nosniff, the browser will not execute it. */
export const FALLBACK_CONTENT_TYPE = 'application/octet-stream';

/** The Content-Type for a served file, from its extension. */
export function contentTypeFor(urlPath: string): string {
  const name = urlPath.slice(urlPath.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return FALLBACK_CONTENT_TYPE;
  return CONTENT_TYPES[name.slice(dot).toLowerCase()] ?? FALLBACK_CONTENT_TYPE;
}

/**
 * Response headers for a file served on app://workbench. Cross-Origin-Embedder-Policy is left
 * out on purpose: nothing needs SharedArrayBuffer, and require-corp can block blob:/data:
 * subresources and worker scripts on a custom scheme. Cross-Origin-Resource-Policy keeps other
 * origins from embedding these files.
 */
export function responseHeadersFor(urlPath: string): Record<string, string> {
  return {
    'Content-Type': contentTypeFor(urlPath),
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
}

/** Headers for a refused or missing file: plain text, still under the strict page policy. */
export function notFoundHeaders(): Record<string, string> {
  return { ...responseHeadersFor('not-found.txt') };
}
