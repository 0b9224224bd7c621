/**
 * Session and web-contents guards: no network, no permissions, no new windows, no navigation
 * away from app://workbench, no <webview>.
 */
import type { Session, WebContents } from 'electron';
import { isAllowedRequest, isAppNavigation } from './policy/request-allowlist';

/** Cancel every request that could leave the machine and deny every permission prompt/check. */
export function installSessionGuards(session: Session): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url) });
  });
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // The spellchecker fetches dictionaries from the network.
  session.setSpellCheckerEnabled(false);
}

/** Lock down one web contents: deny window.open, foreign navigations, redirects and webviews. */
export function guardWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => {
    if (!isAppNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}
