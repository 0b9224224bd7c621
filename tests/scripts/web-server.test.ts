import { describe, expect, it, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import { resolveUnder, startWebServer, responseHeaders } from '../../scripts/web-server';

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
});

describe('local web server responses', () => {
  let server: Server;
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  it('listens on 127.0.0.1 only and sends the page CSP without eval, the worker CSP with it', async () => {
    server = await startWebServer(root, 0);
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    expect(address.address).toBe('127.0.0.1');
    const page = await fetch(`http://127.0.0.1:${address.port}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self';");
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe-eval');
    const worker = await fetch(`http://127.0.0.1:${address.port}/import.worker-abc123.js`);
    expect(worker.headers.get('content-security-policy')).toContain("'unsafe-eval'");
    expect(worker.headers.get('content-type')).toContain('text/javascript');
    expect((await fetch(`http://127.0.0.1:${address.port}/missing.js`)).status).toBe(404);
    expect(responseHeaders('/x')['X-Content-Type-Options']).toBe('nosniff');
  });
});
