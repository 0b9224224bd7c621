/**
 * The local web server for the web build: 127.0.0.1 only, answering only requests addressed to
 * itself (Host 127.0.0.1:port or localhost:port, against DNS rebinding), with the same
 * Content-Security-Policy as the Electron app on every response, errors included. A malformed
 * request gets a 400 and the server carries on.
 */
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../shared/host/content-security';

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

/** Headers sent with every response, errors included: CSP, no sniffing, no referrer, no caching. */
export function responseHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}

/**
 * True when a request's Host header names this server itself (127.0.0.1 or localhost, on its
 * port). Anything else (another name that a DNS-rebinding page made resolve to 127.0.0.1, a
 * missing Host) is refused, so a website cannot read the workbench through the browser.
 */
export function isOwnHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  const value = host.trim().toLowerCase();
  return value === `${WEB_HOST}:${port}` || value === `localhost:${port}`;
}

/** The path of a request target ("/a/b?x" -> "/a/b"); null when it is not an origin-form path. */
export function requestPath(target: string | undefined): string | null {
  if (target === undefined || !target.startsWith('/') || target.startsWith('//')) return null;
  try {
    return new URL(target, `http://${WEB_HOST}`).pathname;
  } catch {
    return null;
  }
}

/** Status, headers and body of a plain refusal (every one under the CSP). */
function refuse(res: ServerResponse, status: number): void {
  res.writeHead(status, { ...responseHeaders(), 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
  res.end(`${status} ${STATUS_CODES[status] ?? ''}\n`);
}

/** Serve one request: own Host only, GET or HEAD only, files under root only. */
async function serve(root: string, port: number, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!isOwnHost(req.headers.host, port)) return refuse(res, 421);
  const urlPath = requestPath(req.url);
  if (urlPath === null) return refuse(res, 400);
  if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405);
  const file = resolveUnder(root, urlPath);
  if (!file) return refuse(res, 403);
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return refuse(res, 404);
  }
  res.writeHead(200, { ...responseHeaders(), 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** A bare 400 for a request Node's parser could not read, still under the CSP. */
const PARSE_ERROR_RESPONSE = [
  'HTTP/1.1 400 Bad Request',
  ...Object.entries(responseHeaders()).map(([name, value]) => `${name}: ${value}`),
  'Content-Length: 0',
  'Connection: close',
  '',
  '',
].join('\r\n');

/** Start serving root on 127.0.0.1:port; resolves once listening. No request can stop it. */
export function startWebServer(root: string, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const address = server.address();
    const ownPort = address !== null && typeof address === 'object' ? address.port : port;
    serve(root, ownPort, req, res).catch(() => {
      // Whatever went wrong, the server keeps running; the request gets a 500 if it can.
      if (!res.headersSent) refuse(res, 500);
      else res.destroy();
    });
  });
  // Malformed request lines and headers: answer 400 (with the CSP) and close, rather than drop silently.
  server.on('clientError', (_error, socket: Duplex) => {
    if (socket.writable) socket.end(PARSE_ERROR_RESPONSE);
    else socket.destroy();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, WEB_HOST, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
