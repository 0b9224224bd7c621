import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import { isOwnHost, requestPath, resolveUnder, startWebServer, responseHeaders } from '../../scripts/web-server';
import { CONTENT_SECURITY_POLICY } from '../../shared/host/content-security';

const root = mkdtempSync(path.join(tmpdir(), 'msvw-web-'));
writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>t</title>');
writeFileSync(path.join(root, 'import.worker-abc123.js'), 'self.x=1');

describe('local web server path resolution', () => {
  it('maps / to index.html and keeps files under the root', () => {
    expect(resolveUnder(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveUnder(root, '/assets/a.js')).toBe(path.join(root, 'assets/a.js'));
  });
  it('refuses traversal, encoded traversal, backslashes and NUL', () => {
    for (const p of ['/../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/a/..%2f..%2f..%2fetc', '/..\\x', '/a%00.js', '/%E0%A4%A']) {
      expect(resolveUnder(root, p), p).toBeNull();
    }
  });
  it('takes only origin-form request targets', () => {
    expect(requestPath('/a/b?x=1#y')).toBe('/a/b');
    for (const target of [undefined, '', '*', '//', '//evil.example/x', 'http://127.0.0.1/', 'x']) expect(requestPath(target), String(target)).toBeNull();
  });
});

describe('local web server Host check (DNS rebinding)', () => {
  it('accepts only its own address and port', () => {
    expect(isOwnHost('127.0.0.1:5178', 5178)).toBe(true);
    expect(isOwnHost('LOCALHOST:5178', 5178)).toBe(true);
    for (const host of [undefined, '', '127.0.0.1', '127.0.0.1:5179', 'localhost', 'evil.example:5178', 'rebind.evil.example', '[::1]:5178', '127.0.0.1:5178.evil.example']) {
      expect(isOwnHost(host, 5178), String(host)).toBe(false);
    }
  });
});

/** Send raw bytes to the server and collect everything it answers until it closes. */
function rawRequest(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => { answer += chunk; });
    socket.on('end', () => resolve(answer));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.setTimeout(5000, () => { socket.destroy(); resolve(answer); });
    socket.write(bytes);
  });
}

describe('local web server responses', () => {
  let server: Server;
  let port = 0;
  let base = '';
  beforeAll(async () => {
    server = await startWebServer(root, 0);
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    expect(address.address).toBe('127.0.0.1');
    port = address.port;
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('sends the one policy (no eval) with pages, worker scripts and errors alike', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    const worker = await fetch(`${base}/import.worker-abc123.js`);
    expect(worker.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(worker.headers.get('content-type')).toContain('text/javascript');
    const missing = await fetch(`${base}/missing.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const post = await fetch(`${base}/`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(responseHeaders()['X-Content-Type-Options']).toBe('nosniff');
  });

  it('answers localhost too, but refuses any other Host with 421, under the CSP', async () => {
    expect((await rawRequest(port, `GET / HTTP/1.1\r\nHost: localhost:${port}\r\nConnection: close\r\n\r\n`)).split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
    for (const host of [`rebind.evil.example:${port}`, 'evil.example', `127.0.0.1:${port + 1}`]) {
      const answer = await rawRequest(port, `GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
      expect(answer.split('\r\n')[0], host).toBe('HTTP/1.1 421 Misdirected Request');
      expect(answer).toContain(`Content-Security-Policy: ${CONTENT_SECURITY_POLICY}`);
      expect(answer).not.toContain('<title>');
    }
    const noHost = await rawRequest(port, 'GET / HTTP/1.0\r\n\r\n');
    expect(noHost.split('\r\n')[0]).toMatch(/^HTTP\/1\.1 421 /);
  });

  it('survives malformed requests, answering 400 with the CSP, and keeps serving', async () => {
    const malformed = [
      'GARBAGE\r\n\r\n',
      'GET /\r\n\r\n',
      `GET // HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`,
      `GET http://[ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`,
      `GET /%E0%A4%A HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`,
      `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nBad Header Line\r\n\r\n`,
      `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: -5\r\n\r\n`,
      '\x00\x01\x02\xff\r\n\r\n',
      `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX: ${'a'.repeat(100_000)}\r\n\r\n`,
    ];
    for (const bytes of malformed) {
      const answer = await rawRequest(port, bytes);
      const status = answer.split('\r\n')[0];
      expect(status, JSON.stringify(bytes.slice(0, 40))).toMatch(/^HTTP\/1\.1 (400|403|421|431) /);
      expect(answer, JSON.stringify(bytes.slice(0, 40))).toContain(`Content-Security-Policy: ${CONTENT_SECURITY_POLICY}`);
    }
    // A connection dropped mid-request does no harm either.
    await new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => { socket.write('GET / HT'); socket.destroy(); resolve(); });
    });
    expect((await fetch(`${base}/`)).status).toBe(200);
  });
});
