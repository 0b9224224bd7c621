/**
 * The BrowserWindow webPreferences for the workbench window (Electron security checklist):
 * isolated, sandboxed, no Node anywhere in the page, its workers or subframes.
 */

/** What the window may switch on; devTools only outside packaged builds. */
export interface WindowPolicyOptions {
  /** Absolute path of the built preload script (out/preload/index.cjs). */
  preload: string;
  /** Allow the developer tools (false in packaged builds). */
  devTools: boolean;
}

/** The exact webPreferences every workbench window is created with. */
export function webPreferencesPolicy(options: WindowPolicyOptions) {
  return {
    preload: options.preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    // Chromium's spellchecker downloads dictionaries from Google: off, the app stays offline.
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    devTools: options.devTools,
  } as const;
}
