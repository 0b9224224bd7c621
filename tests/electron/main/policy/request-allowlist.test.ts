import { describe, expect, it } from 'vitest';
import { isAllowedRequest, isAppNavigation } from '../../../../electron/main/policy/request-allowlist';

describe('isAllowedRequest: the renderer can reach nothing but its own origin and in-memory data', () => {
  it.each([
    'app://workbench/index.html',
    'app://workbench/assets/index-abc.js',
    'app://workbench/assets/import.worker-AbC_1-.js?x=1#y',
    'APP://workbench/index.html',
    'blob:app://workbench/3f0a9c1e-1111-2222-3333-444455556666',
    'data:image/png;base64,iVBORw0KGgo=',
    'data:text/plain,hello',
    'devtools://devtools/bundled/devtools_app.html',
  ])('allows %s', (url) => {
    expect(isAllowedRequest(url)).toBe(true);
  });

  it.each([
    'https://example.org/',
    'http://example.org/',
    'http://localhost:5173/',
    'http://127.0.0.1/',
    'http://[::1]/',
    'https://workbench/',
    'ws://localhost:8080/',
    'wss://example.org/socket',
    'ftp://example.org/file',
    'file:///etc/passwd',
    'file:///C:/Windows/win.ini',
    'chrome://settings',
    'chrome-extension://abcdefghijklmnop/page.html',
    'javascript:alert(1)',
    'about:blank',
    'app://evil/index.html',
    'app://workbench.evil.org/index.html',
    'app://evil@workbench/index.html',
    'app://user:pass@workbench/index.html',
    'app://workbench:8080/index.html',
    'app://WORKBENCH/index.html',
    'app:workbench/index.html',
    'not a url',
    '',
  ])('cancels %s', (url) => {
    expect(isAllowedRequest(url)).toBe(false);
  });
});

describe('isAppNavigation: the window only ever shows workbench pages', () => {
  it('allows pages on app://workbench', () => {
    expect(isAppNavigation('app://workbench/index.html')).toBe(true);
    expect(isAppNavigation('app://workbench/index.html#/data')).toBe(true);
  });
  it.each(['https://example.org/', 'file:///tmp/x.html', 'data:text/html,<p>x</p>', 'blob:app://workbench/1', 'app://other/index.html'])(
    'refuses %s',
    (url) => {
      expect(isAppNavigation(url)).toBe(false);
    },
  );
});
