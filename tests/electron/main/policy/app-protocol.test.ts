import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appRelativePath, isInsideRoot, resolveAppPath } from '../../../../electron/main/policy/app-protocol';

const root = path.resolve('/srv/app/out/renderer');

describe('resolveAppPath: app://workbench maps onto files inside the renderer folder', () => {
  it('serves index.html for the origin root', () => {
    expect(resolveAppPath(root, 'app://workbench/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://workbench')).toBe(path.join(root, 'index.html'));
  });

  it('maps plain paths, ignoring query and fragment', () => {
    expect(resolveAppPath(root, 'app://workbench/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://workbench/assets/index-Abc_1-.js?v=2#top')).toBe(path.join(root, 'assets', 'index-Abc_1-.js'));
  });

  it('decodes percent-encoded names', () => {
    expect(resolveAppPath(root, 'app://workbench/samples/audit%20extract.csv')).toBe(path.join(root, 'samples', 'audit extract.csv'));
  });

  it('keeps dot-segments the URL parser folds away inside the root', () => {
    // The WHATWG parser resolves these before we see them: they can never climb above "/".
    expect(resolveAppPath(root, 'app://workbench/../../etc/passwd')).toBe(path.join(root, 'etc', 'passwd'));
    expect(resolveAppPath(root, 'app://workbench/%2e%2e/%2e%2e/etc/passwd')).toBe(path.join(root, 'etc', 'passwd'));
  });

  it.each([
    ['encoded slash traversal', 'app://workbench/assets%2f..%2f..%2f..%2fetc%2fpasswd'],
    ['encoded slash and dots', 'app://workbench/%2e%2e%2f%2e%2e%2fetc%2fpasswd'],
    ['double-encoded traversal decoded once into dots', 'app://workbench/..%2fsecret'],
    ['backslash traversal', 'app://workbench/..\\..\\etc\\passwd'],
    ['encoded backslash', 'app://workbench/assets%5c..%5c..%5csecret.txt'],
    ['absolute path after the host', 'app://workbench//etc/passwd'],
    ['encoded absolute path', 'app://workbench/%2fetc%2fpasswd'],
    ['Windows drive', 'app://workbench/C:/Windows/win.ini'],
    ['encoded Windows drive', 'app://workbench/C%3a%5cWindows%5cwin.ini'],
    ['NUL byte', 'app://workbench/index.html%00.png'],
    ['raw NUL', 'app://workbench/index.html\u0000.png'],
    ['control character', 'app://workbench/index%0a.html'],
    ['dotfile', 'app://workbench/.env'],
    ['hidden folder', 'app://workbench/.git/config'],
    ['triple dots', 'app://workbench/.../x'],
    ['directory with trailing slash', 'app://workbench/assets/'],
    ['empty segment', 'app://workbench/assets//x.js'],
    ['malformed percent-encoding', 'app://workbench/%E0%A4%A'],
    ['other host', 'app://evil/index.html'],
    ['credentials', 'app://user@workbench/index.html'],
    ['port', 'app://workbench:99/index.html'],
    ['other scheme', 'file:///srv/app/out/renderer/index.html'],
    ['https', 'https://workbench/index.html'],
    ['not a URL', '../../etc/passwd'],
  ])('refuses %s', (_label, url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });

  it('returns the relative path used for headers', () => {
    expect(appRelativePath('app://workbench/assets/a.worker-x1.js')).toBe('assets/a.worker-x1.js');
    expect(appRelativePath('app://workbench/')).toBe('index.html');
    expect(appRelativePath('app://workbench/%2e%2e%2fx')).toBeNull();
  });
});

describe('isInsideRoot', () => {
  it('accepts descendants only', () => {
    expect(isInsideRoot(root, path.join(root, 'a', 'b.js'))).toBe(true);
    expect(isInsideRoot(root, root)).toBe(false);
    expect(isInsideRoot(root, path.dirname(root))).toBe(false);
    expect(isInsideRoot(root, `${root}-sibling/x.js`)).toBe(false);
    expect(isInsideRoot(root, path.join(root, '..', 'renderer2', 'x'))).toBe(false);
  });
});
