import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY as PAGE_CSP } from '../../../../shared/host/content-security';
import { contentTypeFor, notFoundHeaders, responseHeadersFor } from '../../../../electron/main/policy/response-headers';

describe('responseHeadersFor: every app:// response carries the security headers', () => {
  it('gives pages and ordinary scripts the strict policy with no eval', () => {
    for (const file of ['index.html', 'assets/index-Abc12.js', 'assets/index-Abc12.css', 'sample.csv']) {
      const headers = responseHeadersFor(file);
      expect(headers['Content-Security-Policy']).toBe(PAGE_CSP);
      expect(headers['Content-Security-Policy']).not.toContain('unsafe-eval');
      expect(headers['Content-Security-Policy']).not.toContain('unsafe-inline');
      expect(headers['Content-Security-Policy']).toContain("default-src 'none'");
      expect(headers['Content-Security-Policy']).toContain("script-src 'self'");
      expect(headers['Content-Security-Policy']).toContain("connect-src 'self'");
      expect(headers['Content-Security-Policy']).toContain("frame-ancestors 'none'");
    }
  });

  it('gives worker bundles the same policy: no shipped worker needs eval', () => {
    for (const file of ['assets/dataset.worker-CQARoU7-.js', 'assets/import.worker-a_b.js', 'assets/worker-abc.js']) {
      expect(responseHeadersFor(file)['Content-Security-Policy']).toBe(PAGE_CSP);
    }
    expect(PAGE_CSP).not.toContain('unsafe-eval');
  });

  it('sends nosniff, same-origin opener and resource policies and no referrer', () => {
    const headers = responseHeadersFor('index.html');
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Cross-Origin-Opener-Policy']).toBe('same-origin');
    expect(headers['Cross-Origin-Resource-Policy']).toBe('same-origin');
    expect(headers['Referrer-Policy']).toBe('no-referrer');
  });

  it('leaves out Cross-Origin-Embedder-Policy (it could block workers and blob: resources)', () => {
    expect(Object.keys(responseHeadersFor('index.html')).map((k) => k.toLowerCase())).not.toContain('cross-origin-embedder-policy');
  });

  it('refusals carry the strict policy and nosniff too', () => {
    const headers = notFoundHeaders();
    expect(headers['Content-Security-Policy']).toBe(PAGE_CSP);
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Content-Type']).toBe('text/plain; charset=utf-8');
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/index-x.js', 'text/javascript; charset=utf-8'],
    ['assets/mod.mjs', 'text/javascript; charset=utf-8'],
    ['assets/a.worker-x.js', 'text/javascript; charset=utf-8'],
    ['assets/index.CSS', 'text/css; charset=utf-8'],
    ['assets/parquet.wasm', 'application/wasm'],
    ['assets/logo.svg', 'image/svg+xml'],
    ['manifest.json', 'application/json; charset=utf-8'],
    ['sample-audit.csv', 'text/csv; charset=utf-8'],
    ['sample-kpi.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['assets/font.woff2', 'font/woff2'],
    ['README', 'application/octet-stream'],
    ['.hidden', 'application/octet-stream'],
    ['archive.exe', 'application/octet-stream'],
  ])('%s is %s', (file, type) => {
    expect(contentTypeFor(file)).toBe(type);
    expect(responseHeadersFor(file)['Content-Type']).toBe(type);
  });
});

describe('nothing shipped needs eval (why the policy has no unsafe-eval)', () => {
  const repo = path.resolve(import.meta.dirname, '../../../..');
  /** Every TypeScript source of the app: the renderer (page and workers) and the shared core. */
  function sources(dir: string): string[] {
    return readdirSync(path.join(repo, dir), { recursive: true, encoding: 'utf8' })
      .filter((name) => /\.tsx?$/.test(name))
      .map((name) => path.join(dir, name));
  }
  it('no app or worker source imports Arquero or compiles code at run time', () => {
    const offenders = [...sources('renderer/src'), ...sources('shared')].filter((file) => {
      const text = readFileSync(path.join(repo, file), 'utf8');
      return /from ['"]arquero['"]|import\(['"]arquero['"]\)|new Function\(|\beval\(/.test(text);
    });
    expect(offenders).toEqual([]);
  });
});
