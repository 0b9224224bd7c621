/**
 * The decisions `npm start` makes, as pure functions: which arguments go where, why Electron
 * could not be obtained (one sentence a newcomer can act on), what to say about a busy port.
 * scripts/start.ts does the I/O around them.
 */

/** The port the local web app uses unless told otherwise (also `npm run web`). */
export const DEFAULT_WEB_PORT = 5178;

/** Host Electron's downloader (@electron/get) fetches from when no mirror is configured. */
export const DEFAULT_ELECTRON_DOWNLOAD_HOST = 'github.com';

/** What `npm start -- ...` was asked for. */
export interface StartOptions {
  /** Port for the local web app (when Electron is unavailable or --web is given). */
  port: number;
  /** Skip Electron and serve the web app. */
  web: boolean;
  /** Everything else, passed on to the desktop app's command line. */
  appArgs: string[];
}

/** Parse `npm start -- [--port N] [--web] [app switches...]`; a string is a one-line usage problem. */
export function parseStartArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): StartOptions | string {
  let port = env.PORT !== undefined && env.PORT !== '' ? Number(env.PORT) : DEFAULT_WEB_PORT;
  let web = false;
  const appArgs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--web') web = true;
    else if (arg === '--port' || arg.startsWith('--port=')) {
      const value = arg === '--port' ? argv[++i] : arg.slice('--port='.length);
      if (value === undefined || !/^\d+$/.test(value)) return 'npm start: --port needs a number, e.g. npm start -- --port 5191';
      port = Number(value);
    } else appArgs.push(arg);
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) return `npm start: port ${port} is not between 1 and 65535; try npm start -- --port ${DEFAULT_WEB_PORT + 13}`;
  return { port, web, appArgs };
}

/** The host name Electron's binary is downloaded from (ELECTRON_MIRROR or npm config, else GitHub). */
export function electronDownloadHost(env: Readonly<Record<string, string | undefined>>): string {
  const mirror = env.ELECTRON_MIRROR ?? env.npm_config_electron_mirror ?? env.NPM_CONFIG_ELECTRON_MIRROR;
  if (!mirror) return DEFAULT_ELECTRON_DOWNLOAD_HOST;
  try {
    return new URL(mirror).hostname || DEFAULT_ELECTRON_DOWNLOAD_HOST;
  } catch {
    return mirror;
  }
}

/** What the downloader's output and a name lookup of its host tell us about a failed download. */
export interface DownloadFailure {
  /** stdout + stderr of `install-electron` / require('electron'). */
  output: string;
  /** The host it downloads from (see electronDownloadHost). */
  host: string;
  /** Whether that host name resolved; null when not checked. */
  hostResolves: boolean | null;
  /** The download made no progress for this many seconds and was stopped; null when it ended by itself. */
  stalledSeconds: number | null;
}

/**
 * Why Electron could not be obtained, as one sentence that says what happened and, where it
 * helps, what to do. The downloader reports network failures as "fetch failed" without a cause,
 * so whether the host name resolves separates "no network" from "connection blocked".
 */
export function downloadFailureReason(failure: DownloadFailure): string {
  const { output, host, hostResolves, stalledSeconds } = failure;
  const lead = 'The Electron runtime could not be downloaded';
  if (stalledSeconds !== null) return `${lead}: the download from ${host} stalled (no data for ${stalledSeconds} s), so the network is probably too slow or blocking it.`;
  const http = /Response code (\d{3})(?: \(([^)]*)\))?/.exec(output);
  if (http) {
    const code = Number(http[1]);
    const status = `HTTP ${code}${http[2] ? ` ${http[2]}` : ''}`;
    if (code === 404) return `${lead}: ${host} has no such file (${status}); check ELECTRON_MIRROR if you set one.`;
    if (code === 407) return `${lead}: a proxy asked for credentials (${status}); set HTTPS_PROXY for your network.`;
    return `${lead}: ${host} refused it (${status}), so this network blocks the download.`;
  }
  if (/checksum|sha256|SHASUMS/i.test(output)) return `${lead}: the file received did not match Electron's published checksum (a proxy may have changed it), so it was not used.`;
  if (/ENOSPC/.test(output)) return `${lead}: there is not enough free disk space to unpack it.`;
  if (/EACCES|EPERM/.test(output)) return `${lead}: node_modules/electron is not writable by you.`;
  if (/fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|certificate|CERT_/i.test(output)) {
    if (hostResolves === false) return `${lead}: this machine has no network connection (${host} could not be found).`;
    return `${lead}: the connection to ${host} failed, so a firewall or proxy is probably blocking it.`;
  }
  const firstLine = output.split('\n').map((line) => line.trim()).find((line) => line !== '' && !/^Downloading Electron/i.test(line));
  return `${lead}${firstLine ? ` (${firstLine.replace(/\.$/, '')})` : ''}.`;
}

/** The line shown while Electron downloads, e.g. "Downloading Electron 45.4.1 for linux-x64: 12.3 MB, 4 s". */
export function downloadProgressLine(version: string, platform: string, bytes: number, seconds: number): string {
  const received = bytes > 0 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB, ` : '';
  return `Downloading Electron ${version} for ${platform} (first run only): ${received}${Math.floor(seconds)} s`;
}

/** One line for a port that is taken, suggesting a free one as a command that works (e.g. "npm start"). */
export function busyPortMessage(port: number, freePort: number | null, command: string): string {
  const suggestion = freePort ?? port + 1;
  return `Port ${port} is already in use (is the workbench already running?); start on another port with: ${command} -- --port ${suggestion}`;
}
