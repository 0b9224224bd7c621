import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY as PAGE_CSP } from '../../../shared/host/content-security';
import { serveAppRequest } from '../../../electron/main/serve-app';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'msvw-serve-'));
  root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>MS Variation Workbench</title>');
  writeFileSync(path.join(root, 'assets', 'index-Ab1.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'assets', 'analysis.worker-Zz9-.js'), 'self.onmessage = () => {}');
  writeFileSync(path.join(root, 'sample.csv'), 'centre,n\nA,1\n');
  writeFileSync(path.join(base, 'secret.txt'), 'patient-level data');
  symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => serveAppRequest(root, new Request(url, { method }));

describe('serveAppRequest: the app:// protocol handler', () => {
  it('serves index.html for the origin with the page policy', async () => {
    const response = await get('app://workbench/');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('MS Variation Workbench');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(PAGE_CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves scripts, workers and samples with their own headers', async () => {
    const script = await get('app://workbench/assets/index-Ab1.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('content-security-policy')).toBe(PAGE_CSP);
    const worker = await get('app://workbench/assets/analysis.worker-Zz9-.js');
    expect(worker.status).toBe(200);
    expect(worker.headers.get('content-security-policy')).toBe(PAGE_CSP);
    const sample = await get('app://workbench/sample.csv');
    expect(sample.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(await sample.text()).toBe('centre,n\nA,1\n');
  });

  it('answers HEAD without a body', async () => {
    const response = await get('app://workbench/index.html', 'HEAD');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it.each([
    'app://workbench/assets%2f..%2f..%2fsecret.txt',
    'app://workbench/..%5csecret.txt',
    'app://workbench/missing.js',
    'app://workbench/assets',
    'app://workbench/assets/link.txt',
    'app://evil/index.html',
  ])('answers 404 for %s, revealing nothing', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    const body = await response.text();
    expect(body).toBe('Not found');
    expect(body).not.toContain(base);
    expect(response.headers.get('content-security-policy')).toBe(PAGE_CSP);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await get('app://workbench/index.html', 'POST');
    expect(response.status).toBe(405);
  });
});
