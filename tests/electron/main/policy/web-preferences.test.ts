import { describe, expect, it } from 'vitest';
import { webPreferencesPolicy } from '../../../../electron/main/policy/web-preferences';

describe('webPreferencesPolicy: the window is isolated, sandboxed and Node-free', () => {
  const prefs = webPreferencesPolicy({ preload: '/app/out/preload/index.cjs', devTools: false });

  it('sets exactly the checklist values', () => {
    expect(prefs).toEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: false,
    });
  });

  it('uses a CommonJS preload (sandboxed preloads cannot be ES modules)', () => {
    expect(prefs.preload.endsWith('.cjs')).toBe(true);
  });

  it('turns on developer tools only when asked (unpackaged runs)', () => {
    expect(webPreferencesPolicy({ preload: 'p.cjs', devTools: true }).devTools).toBe(true);
    expect(webPreferencesPolicy({ preload: 'p.cjs', devTools: true }).sandbox).toBe(true);
  });
});
