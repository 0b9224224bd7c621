/**
 * The standards catalogue as people use it: the shipped catalogue plus their own edits and
 * additions, kept on this computer in Dexie settings. The shipped catalogue is never changed; a
 * saved edit is a whole standard with the same id (it replaces the shipped one when merged), an
 * added standard has a new id (appended). One module-level store feeds every component that
 * calls `useCatalogue()`, so an edit made on the Standards page reaches the Variation page at once.
 */
import { useSyncExternalStore } from 'react';
import {
  SHIPPED_STANDARDS,
  StandardSchema,
  exportCatalogue,
  importCatalogue,
  mergeCatalogue,
  type Standard,
} from '../../../shared/standards';
import { getSetting, setSetting } from '../store/datasets';

/** Settings key under which the person's edits and additions are kept. */
export const STANDARDS_EDITS_SETTING = 'standards.userEdits';

/** What is stored under STANDARDS_EDITS_SETTING: the same envelope as an exported catalogue file. */
export interface StoredEdits {
  format: 'msvw-standards';
  version: 1;
  standards: Standard[];
}

/**
 * The person's changes: whole standards, in the order first saved. An id that is in the shipped
 * catalogue is an edit of that standard; any other id is a standard they added.
 */
export type CatalogueEdits = readonly Standard[];

/** What an import did. `errors` non-empty means nothing was imported. */
export interface ImportOutcome {
  /** Standards with new ids, now in the catalogue. */
  added: number;
  /** Standards that replaced a shipped or added one with the same id. */
  replaced: number;
  /** Standards identical to the one already in the catalogue (nothing to do). */
  unchanged: number;
  errors: string[];
}

/** Which catalogue an export holds. */
export type ExportScope = 'merged' | 'edits';

/** A standard that does not pass the catalogue schema; `errors` say which field and why. */
export class StandardInvalidError extends Error {
  constructor(readonly errors: string[]) {
    super(`The standard was not saved: ${errors.join('; ')}`);
    this.name = 'StandardInvalidError';
  }
}

/** One consistent state of the catalogue; replaced (never mutated) on every change. */
export interface CatalogueSnapshot {
  /** False until the stored edits have been read; until then `standards` is the shipped catalogue. */
  ready: boolean;
  edits: CatalogueEdits;
  /** Shipped catalogue merged with the edits (fresh copies: mutating them changes nothing stored). */
  standards: Standard[];
  /** Stored edits that no longer pass the schema and were left out, in words. */
  loadProblems: string[];
  /** The last save that failed, in words; null when the last save worked. */
  saveError: string | null;
}

const SHIPPED_IDS = new Set(SHIPPED_STANDARDS.map((s) => s.id));

/** The snapshot for a list of edits. */
function snapshotOf(edits: CatalogueEdits, ready: boolean, loadProblems: string[] = [], saveError: string | null = null): CatalogueSnapshot {
  return { ready, edits, standards: mergeCatalogue(SHIPPED_STANDARDS, edits), loadProblems, saveError };
}

let snapshot: CatalogueSnapshot = snapshotOf([], false);
let loading: Promise<void> | null = null;
/** Changes run one after another so two quick saves cannot overwrite each other. */
let queue: Promise<unknown> = Promise.resolve();
const listeners = new Set<() => void>();

/** Publish a new snapshot to every subscriber. */
function publish(next: CatalogueSnapshot): void {
  snapshot = next;
  for (const listener of listeners) listener();
}

/** Publish freshly read edits, keeping the current snapshot (and its identity) when nothing changed. */
function publishRead(edits: Standard[], problems: string[]): void {
  const same = snapshot.ready && canonical(snapshot.edits) === canonical(edits) && canonical(snapshot.loadProblems) === canonical(problems);
  if (!same) publish(snapshotOf(edits, true, problems));
}

/** Listen for catalogue changes; returns the unsubscribe function. Starts loading on first use. */
export function subscribeCatalogue(listener: () => void): () => void {
  listeners.add(listener);
  void ensureLoaded();
  return () => listeners.delete(listener);
}

/** The current catalogue state (same object until something changes). */
export function getCatalogueSnapshot(): CatalogueSnapshot {
  return snapshot;
}

/** Readable schema problems, e.g. `thresholds.core: days must be more than 0`. */
function schemaErrors(value: unknown, where: string): string[] {
  const parsed = StandardSchema.safeParse(value);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return `${where}${path ? `.${path}` : ''}: ${issue.message}`;
  });
}

/** Read the stored edits, keeping only those that still pass the schema. */
async function readStoredEdits(): Promise<{ edits: Standard[]; problems: string[] }> {
  const stored = await getSetting<unknown>(STANDARDS_EDITS_SETTING, null);
  if (stored === null || stored === undefined) return { edits: [], problems: [] };
  const list = stored && typeof stored === 'object' && 'standards' in stored && Array.isArray(stored.standards) ? stored.standards : null;
  if (!list) return { edits: [], problems: ['Your saved standards could not be read and were left out; edit or import them again.'] };
  const edits: Standard[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  list.forEach((entry: unknown, index: number) => {
    const parsed = StandardSchema.safeParse(entry);
    const id = entry && typeof entry === 'object' && 'id' in entry ? String(entry.id) : `#${index + 1}`;
    if (!parsed.success) {
      problems.push(`Your saved standard "${id}" no longer passes the catalogue rules and was left out (${schemaErrors(entry, id).join('; ')}).`);
    } else if (!seen.has(parsed.data.id)) {
      seen.add(parsed.data.id);
      edits.push(parsed.data);
    }
  });
  return { edits, problems };
}

/** Read the stored edits into the store (once; later calls wait for the same read). */
export function ensureLoaded(): Promise<void> {
  loading ??= readStoredEdits().then(
    ({ edits, problems }) => publishRead(edits, problems),
    (error: unknown) => publish(snapshotOf([], true, [`Your saved standards could not be read (${message(error)}); the shipped catalogue is shown.`])),
  );
  return loading;
}

/** Read the stored edits again (after local data was deleted, or in tests with a fresh database). */
export function reloadCatalogue(): Promise<void> {
  loading = null;
  return ensureLoaded();
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Run a change after every earlier one, on the edits as stored now (so a change made in another
 * window, or "Delete all local data", is not overwritten); store and publish what it returns.
 */
function change<T>(apply: (edits: CatalogueEdits) => { edits: CatalogueEdits; result: T }): Promise<T> {
  const run = async (): Promise<T> => {
    await ensureLoaded();
    const current = await readStoredEdits();
    publishRead(current.edits, current.problems);
    const { edits, result } = apply(snapshot.edits);
    if (edits === snapshot.edits) return result;
    const stored: StoredEdits = { format: 'msvw-standards', version: 1, standards: structuredClone([...edits]) };
    try {
      await setSetting(STANDARDS_EDITS_SETTING, stored);
    } catch (error) {
      publish({ ...snapshot, saveError: `Your change to the standards could not be kept on this computer (${message(error)}). Try again; if it keeps failing, export your edits as JSON.` });
      throw error;
    }
    publish(snapshotOf(edits, true, snapshot.loadProblems));
    return result;
  };
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}

/** The same JSON for equal values whatever the key order (to tell an edit from the shipped copy). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/** Validate a standard as the catalogue would (defaults filled in); throws StandardInvalidError. */
function checked(standard: unknown): Standard {
  const parsed = StandardSchema.safeParse(standard);
  if (!parsed.success) {
    const id = standard && typeof standard === 'object' && 'id' in standard ? String(standard.id) : 'standard';
    throw new StandardInvalidError(schemaErrors(standard, id));
  }
  return parsed.data;
}

/** The edits with `standard` put in place of the one with its id (or appended); an edit equal to shipped is dropped. */
function withStandard(edits: CatalogueEdits, standard: Standard): CatalogueEdits {
  const shipped = SHIPPED_STANDARDS.find((s) => s.id === standard.id);
  const others = edits.filter((s) => s.id !== standard.id);
  if (shipped && canonical(shipped) === canonical(standard)) return others;
  const index = edits.findIndex((s) => s.id === standard.id);
  if (index < 0) return [...edits, standard];
  return edits.map((s, i) => (i === index ? standard : s));
}

/** True when the shipped standard with this id has a local edit. */
export function isEdited(edits: CatalogueEdits, id: string): boolean {
  return SHIPPED_IDS.has(id) && edits.some((s) => s.id === id);
}

/** True when this id is a standard the person added (not in the shipped catalogue). */
export function isAdded(edits: CatalogueEdits, id: string): boolean {
  return !SHIPPED_IDS.has(id) && edits.some((s) => s.id === id);
}

/** True when the shipped catalogue has a standard with this id. */
export function isShipped(id: string): boolean {
  return SHIPPED_IDS.has(id);
}

/** Save a shipped standard's edit, or an added standard's new version (same id). Saving the shipped values clears the edit. */
export async function saveStandard(standard: Standard): Promise<void> {
  const valid = checked(standard);
  return change((edits) => ({ edits: withStandard(edits, structuredClone(valid)), result: undefined }));
}

/** Drop the local edit of a shipped standard, so the shipped version is used again. */
export function resetStandard(id: string): Promise<void> {
  return change((edits) => ({ edits: SHIPPED_IDS.has(id) && edits.some((s) => s.id === id) ? edits.filter((s) => s.id !== id) : edits, result: undefined }));
}

/** Add a new standard; throws StandardInvalidError when it is invalid or its id is already used. */
export async function addStandard(standard: Standard): Promise<void> {
  const valid = checked(standard);
  return change((edits) => {
    if (SHIPPED_IDS.has(valid.id) || edits.some((s) => s.id === valid.id)) {
      throw new StandardInvalidError([`id: "${valid.id}" is already used by another standard; choose a different id`]);
    }
    return { edits: [...edits, structuredClone(valid)], result: undefined };
  });
}

/** Remove a standard the person added; shipped standards cannot be removed (reset them instead). */
export async function removeAdded(id: string): Promise<void> {
  if (SHIPPED_IDS.has(id)) throw new Error(`"${id}" is a shipped standard: it cannot be removed, only reset to the shipped version.`);
  return change((edits) => ({ edits: edits.some((s) => s.id === id) ? edits.filter((s) => s.id !== id) : edits, result: undefined }));
}

/**
 * Import a catalogue file (exported by the workbench, or a bare list of standards). Same id
 * replaces, new ids are added; all or nothing: with any error nothing is imported.
 */
export function importJson(text: string, fileName = 'the imported file'): Promise<ImportOutcome> {
  const check = importCatalogue(text, fileName);
  if (!check.ok) return Promise.resolve({ added: 0, replaced: 0, unchanged: 0, errors: check.errors });
  return change((edits) => {
    const current = mergeCatalogue(SHIPPED_STANDARDS, edits);
    const outcome: ImportOutcome = { added: 0, replaced: 0, unchanged: 0, errors: [] };
    let next = edits;
    for (const standard of check.standards) {
      const existing = current.find((s) => s.id === standard.id);
      if (!existing) outcome.added++;
      else if (canonical(existing) === canonical(standard)) { outcome.unchanged++; continue; }
      else outcome.replaced++;
      next = withStandard(next, standard);
    }
    return { edits: next, result: outcome };
  });
}

/** The catalogue as a JSON file: everything in use ('merged') or only the person's edits and additions ('edits'). */
export function exportJson(scope: ExportScope = 'merged'): string {
  return exportCatalogue(scope === 'merged' ? snapshot.standards : snapshot.edits);
}

/** The catalogue in use, read straight from the store (for workers and code outside React). */
export async function loadMergedCatalogue(): Promise<Standard[]> {
  const { edits } = await readStoredEdits();
  return mergeCatalogue(SHIPPED_STANDARDS, edits);
}

/** What `useCatalogue()` gives a component. */
export interface CatalogueApi {
  /** False until the stored edits are read; until then `standards` is the shipped catalogue. */
  ready: boolean;
  /** The catalogue in use: shipped merged with the person's edits and additions (do not mutate). */
  standards: Standard[];
  /** The shipped catalogue (deep-frozen). */
  shipped: readonly Standard[];
  /** The person's edits and additions, whole standards. */
  edits: CatalogueEdits;
  /** Stored edits left out because they no longer pass the schema, in words. */
  loadProblems: string[];
  /** The last failed save, in words, or null. */
  saveError: string | null;
  isEdited(id: string): boolean;
  isAdded(id: string): boolean;
  saveStandard(standard: Standard): Promise<void>;
  resetStandard(id: string): Promise<void>;
  addStandard(standard: Standard): Promise<void>;
  removeAdded(id: string): Promise<void>;
  importJson(text: string, fileName?: string): Promise<ImportOutcome>;
  exportJson(scope?: ExportScope): string;
}

/** The catalogue for React components; re-renders every user of the hook when anything changes. */
export function useCatalogue(): CatalogueApi {
  const current = useSyncExternalStore(subscribeCatalogue, getCatalogueSnapshot, getCatalogueSnapshot);
  return {
    ready: current.ready,
    standards: current.standards,
    shipped: SHIPPED_STANDARDS,
    edits: current.edits,
    loadProblems: current.loadProblems,
    saveError: current.saveError,
    isEdited: (id) => isEdited(current.edits, id),
    isAdded: (id) => isAdded(current.edits, id),
    saveStandard,
    resetStandard,
    addStandard,
    removeAdded,
    importJson,
    exportJson,
  };
}
