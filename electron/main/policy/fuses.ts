/**
 * Electron fuses flipped in packaged builds (by the electron-builder afterPack hook,
 * build/after-pack.mjs): the shipped binary cannot be turned into a Node runtime, cannot be fed
 * NODE_OPTIONS or --inspect, and only runs the integrity-checked app.asar.
 */
import { FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';

/** The complete fuse wire for packaged builds (every fuse decided, so new ones fail loudly). */
export function packagedFuseConfig(): FuseV1Config {
  return {
    version: FuseVersion.V1,
    strictlyRequireAllFuses: true,
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    // Checked by Electron on macOS (16+) and Windows (30+) only: on Linux (AppImage, .deb) this
    // fuse has no effect, and app.asar is as safe as the folder it is installed in
    // (https://www.electronjs.org/docs/latest/tutorial/asar-integrity, "Version support").
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    // Electron's default; we gain nothing from a separate browser-process snapshot.
    [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
    // The UI is served from app://, never file://, so file: pages get no extra privileges.
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    // Electron's default: WebAssembly bounds checks via trap handlers (hyparquet may use wasm).
    [FuseV1Options.WasmTrapHandlers]: true,
  };
}
