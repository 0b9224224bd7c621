/**
 * The local web server for the web build: 127.0.0.1 only, with the same per-file Content-Security-
 * Policy as the Electron app (a strict page policy; the worker policy for worker scripts).
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import path from 'node:path';
import { cspForPath } from '../shared/privacy/content-security';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.wasm': 'application/wasm',
  '.md': 'text/markdown; charset=utf-8',
  '.ico': 'image/x-icon',
};

/** The file under root that a request path names, or null when it would escape root. */
export function resolveUnder(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const full = path.resolve(root, relative);
  return full === root || full.startsWith(root + path.sep) ? full : null;
}

export const WEB_HOST = '127.0.0.1';

/** Headers sent with every response: CSP for the path, no sniffing, no referrer, no caching. */
export function responseHeaders(urlPath: string): Record<string, string> {
  return {
    'Content-Security-Policy': cspForPath(urlPath),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}

/** Start serving root on 127.0.0.1:port; resolves once listening. */
export function startWebServer(root: string, port: number): Promise<Server> {
  const server = createServer(async (req, res) => {
    const urlPath = new URL(req.url ?? '/', `http://${WEB_HOST}`).pathname;
    const file = resolveUnder(root, urlPath);
    const headers = responseHeaders(urlPath);
    if (!file || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(file ? 405 : 403, headers).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { ...headers, 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, headers).end();
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, WEB_HOST, () => resolve(server));
  });
}
