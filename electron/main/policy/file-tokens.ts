/**
 * Which files a window may read. openFiles issues one opaque token per path the person chose in
 * the Open dialog, bound to the window (web contents) that asked; readFileChunk resolves a token
 * only for that window. A page can therefore read the files its person chose and nothing else:
 * it never sees or sends a path, and a token copied to another window is refused there.
 */
import { randomBytes } from 'node:crypto';

export { FILE_TOKEN_PATTERN } from './ipc-limits';

/** Most tokens one window holds; the oldest is forgotten first (a person opens one extract at a time). */
export const MAX_TOKENS_PER_WINDOW = 64;

/** A file the person chose, as main remembers it for its token. */
export interface ChosenPath {
  path: string;
  name: string;
  /** Size and modification time when chosen: a file that changes afterwards is refused. */
  size: number;
  mtimeMs: number;
}

/** Refusal for a token this window was not given (unknown, forgotten, or another window's). */
export const UNKNOWN_TOKEN =
  'The workbench can only read a file you chose in this window, and this one was not (or is no longer) open here. Open the file again.';

/** Tokens per window, newest last. */
export class FileTokens {
  private readonly byOwner = new Map<number, Map<string, ChosenPath>>();

  /** Issue a token for a chosen file to window `owner`. */
  issue(owner: number, file: ChosenPath): string {
    let tokens = this.byOwner.get(owner);
    if (!tokens) {
      tokens = new Map();
      this.byOwner.set(owner, tokens);
    }
    // 128 random bits as 32 lowercase hex characters (FILE_TOKEN_PATTERN).
    const token = randomBytes(16).toString('hex');
    tokens.set(token, { ...file });
    while (tokens.size > MAX_TOKENS_PER_WINDOW) tokens.delete(tokens.keys().next().value as string);
    return token;
  }

  /** The file behind a token, when window `owner` was given it; null otherwise. */
  resolve(owner: number, token: string): ChosenPath | null {
    return this.byOwner.get(owner)?.get(token) ?? null;
  }

  /** True when `owner` holds tokens (so its teardown is already being watched). */
  has(owner: number): boolean {
    return this.byOwner.has(owner);
  }

  /** Forget every token of a window (it closed or was destroyed). */
  forget(owner: number): void {
    this.byOwner.delete(owner);
  }
}
