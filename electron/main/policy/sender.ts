/** Who may call the host API: only frames showing the workbench's own pages. */
import { isAppOriginUrl } from './app-origin';

/** True when an IPC message comes from a frame on app://workbench (and nowhere else). */
export function isTrustedSender(frameUrl: string | null | undefined): boolean {
  return isAppOriginUrl(frameUrl);
}
