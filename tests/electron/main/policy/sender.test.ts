import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../../../electron/main/policy/sender';

describe('isTrustedSender: only workbench pages may use the host API', () => {
  it('trusts frames on app://workbench', () => {
    expect(isTrustedSender('app://workbench/index.html')).toBe(true);
    expect(isTrustedSender('app://workbench/index.html#/funnel')).toBe(true);
  });

  it.each([
    null,
    undefined,
    '',
    'about:blank',
    'https://example.org/',
    'http://localhost:5173/',
    'file:///work/main/out/renderer/index.html',
    'data:text/html,<script>1</script>',
    'blob:app://workbench/4a3b',
    'app://evil/index.html',
    'app://workbench.evil/index.html',
    'app://x@workbench/index.html',
    'app://workbench:1/index.html',
    'devtools://devtools/bundled/devtools_app.html',
    'chrome-error://chromewebdata/',
  ])('does not trust %s', (url) => {
    expect(isTrustedSender(url)).toBe(false);
  });
});
