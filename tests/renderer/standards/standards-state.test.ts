import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SHIPPED_STANDARDS, exportCatalogue, type IntervalStandard, type Standard } from '../../../shared/standards';
import { WorkbenchDatabase } from '../../../renderer/src/store/database';
import { deleteAllLocalData, getSetting, setActiveDatabase, setSetting } from '../../../renderer/src/store/datasets';
import {
  STANDARDS_EDITS_SETTING,
  StandardInvalidError,
  addStandard,
  exportJson,
  getCatalogueSnapshot,
  importJson,
  isAdded,
  isEdited,
  loadMergedCatalogue,
  reloadCatalogue,
  removeAdded,
  resetStandard,
  saveStandard,
  subscribeCatalogue,
} from '../../../renderer/src/state/standards';

let dbCount = 0;
let db: WorkbenchDatabase;
const shippedJson = JSON.stringify(SHIPPED_STANDARDS);

beforeEach(async () => {
  db = new WorkbenchDatabase(`standards-state-test-${++dbCount}`);
  setActiveDatabase(db);
  await reloadCatalogue();
});

afterEach(async () => {
  db.close();
  await db.delete();
  // The shipped catalogue is frozen and must come out of every test exactly as it went in.
  expect(JSON.stringify(SHIPPED_STANDARDS)).toBe(shippedJson);
});

function shipped(id: string): Standard {
  const found = SHIPPED_STANDARDS.find((s) => s.id === id);
  if (!found) throw new Error(`no shipped standard ${id}`);
  return structuredClone(found);
}

function part1With(days: number): IntervalStandard {
  const s = shipped('4plus4-part1');
  if (s.kind !== 'interval') throw new Error('4+4 part 1 should be an interval');
  return { ...s, thresholds: { single: days } };
}

function merged(id: string): Standard | undefined {
  return getCatalogueSnapshot().standards.find((s) => s.id === id);
}

const newStandard: IntervalStandard = {
  id: 'local-mri-to-diagnosis',
  kind: 'interval',
  title: 'MRI to diagnosis within 6 weeks',
  shortTitle: 'MRI to diagnosis',
  source: 'Local audit plan 2025',
  provenance: 'provisional',
  direction: 'higher-is-better',
  population: [],
  startField: 'mri_date',
  endField: 'diagnosis_date',
  thresholds: { single: 42 },
};

describe('standards state', () => {
  it('starts as the shipped catalogue with no edits', () => {
    const snap = getCatalogueSnapshot();
    expect(snap.ready).toBe(true);
    expect(snap.edits).toEqual([]);
    expect(snap.standards.map((s) => s.id)).toEqual(SHIPPED_STANDARDS.map((s) => s.id));
  });

  it('keeps an edit in local settings and reflects it in the merged catalogue', async () => {
    await saveStandard(part1With(35));
    expect(merged('4plus4-part1')).toMatchObject({ thresholds: { single: 35 } });
    expect(isEdited(getCatalogueSnapshot().edits, '4plus4-part1')).toBe(true);
    expect(isEdited(getCatalogueSnapshot().edits, '4plus4-part2')).toBe(false);

    const stored = await getSetting<{ standards: Standard[] } | null>(STANDARDS_EDITS_SETTING, null);
    expect(stored?.standards.map((s) => s.id)).toEqual(['4plus4-part1']);

    // A fresh read of the store (as after a restart) still has the edit.
    await reloadCatalogue();
    expect(merged('4plus4-part1')).toMatchObject({ thresholds: { single: 35 } });
    expect((await loadMergedCatalogue()).find((s) => s.id === '4plus4-part1')).toMatchObject({ thresholds: { single: 35 } });
  });

  it('never changes the shipped catalogue object', async () => {
    await saveStandard(part1With(35));
    expect(SHIPPED_STANDARDS.find((s) => s.id === '4plus4-part1')).toMatchObject({ thresholds: { single: 28 } });
    expect(Object.isFrozen(SHIPPED_STANDARDS)).toBe(true);
    // Mutating what the store hands out changes neither the shipped copy nor the stored edit.
    const handedOut = merged('4plus4-part1') as IntervalStandard;
    handedOut.thresholds = { single: 1 };
    expect(SHIPPED_STANDARDS.find((s) => s.id === '4plus4-part1')).toMatchObject({ thresholds: { single: 28 } });
    expect((await loadMergedCatalogue()).find((s) => s.id === '4plus4-part1')).toMatchObject({ thresholds: { single: 35 } });
  });

  it('reset restores the shipped standard and forgets the stored edit', async () => {
    await saveStandard(part1With(35));
    await resetStandard('4plus4-part1');
    expect(merged('4plus4-part1')).toEqual(shipped('4plus4-part1'));
    expect(isEdited(getCatalogueSnapshot().edits, '4plus4-part1')).toBe(false);
    await reloadCatalogue();
    expect(merged('4plus4-part1')).toEqual(shipped('4plus4-part1'));
  });

  it('saving the shipped values again is not an edit', async () => {
    await saveStandard(part1With(35));
    await saveStandard(part1With(28));
    expect(getCatalogueSnapshot().edits).toEqual([]);
  });

  it('rejects an invalid standard with the field and reason, and keeps nothing', async () => {
    const bad = { ...part1With(35), thresholds: { aspirational: 30, achievable: 20, core: 10 } };
    await expect(saveStandard(bad)).rejects.toBeInstanceOf(StandardInvalidError);
    await expect(saveStandard(bad)).rejects.toThrow(/4plus4-part1\.thresholds/);
    expect(getCatalogueSnapshot().edits).toEqual([]);
  });

  it('adds and removes a standard of the person\'s own; ids must be new', async () => {
    await addStandard(newStandard);
    expect(getCatalogueSnapshot().standards.at(-1)?.id).toBe(newStandard.id);
    expect(isAdded(getCatalogueSnapshot().edits, newStandard.id)).toBe(true);
    await expect(addStandard(newStandard)).rejects.toThrow(/already used/);
    await expect(addStandard({ ...newStandard, id: '4plus4-part1' })).rejects.toThrow(/already used/);
    await expect(removeAdded('4plus4-part1')).rejects.toThrow(/shipped/);
    await removeAdded(newStandard.id);
    expect(merged(newStandard.id)).toBeUndefined();
  });

  it('notifies every subscriber when a threshold changes', async () => {
    let calls = 0;
    const unsubscribe = subscribeCatalogue(() => calls++);
    const before = getCatalogueSnapshot();
    await saveStandard(part1With(21));
    expect(calls).toBeGreaterThan(0);
    expect(getCatalogueSnapshot()).not.toBe(before);
    unsubscribe();
  });

  it('runs quick successive saves in order without losing one', async () => {
    const part2 = shipped('4plus4-part2') as IntervalStandard;
    await Promise.all([saveStandard(part1With(30)), saveStandard({ ...part2, thresholds: { single: 31 } }), addStandard(newStandard)]);
    expect(getCatalogueSnapshot().edits.map((s) => s.id)).toEqual(['4plus4-part1', '4plus4-part2', newStandard.id]);
    await reloadCatalogue();
    expect(getCatalogueSnapshot().edits.map((s) => s.id)).toEqual(['4plus4-part1', '4plus4-part2', newStandard.id]);
  });

  it('imports a catalogue file: new ids added, same ids replaced, identical ones unchanged', async () => {
    const file = exportCatalogue([...SHIPPED_STANDARDS.slice(0, 3), part1With(40), newStandard].filter((s, i) => i !== 0));
    const outcome = await importJson(file, 'standards.json');
    expect(outcome).toEqual({ added: 1, replaced: 1, unchanged: 2, errors: [] });
    expect(merged('4plus4-part1')).toMatchObject({ thresholds: { single: 40 } });
    expect(merged(newStandard.id)).toMatchObject({ title: newStandard.title });

    const again = await importJson(JSON.stringify([{ ...newStandard, title: 'Renamed' }]), 'list.json');
    expect(again).toEqual({ added: 0, replaced: 1, unchanged: 0, errors: [] });
    expect(merged(newStandard.id)).toMatchObject({ title: 'Renamed' });
  });

  it('reports errors for invalid JSON and imports nothing', async () => {
    const notJson = await importJson('{"format": "msvw-standards", ', 'broken.json');
    expect(notJson.added + notJson.replaced).toBe(0);
    expect(notJson.errors.join('\n')).toMatch(/broken\.json: not valid JSON/);

    const badEntry = await importJson(JSON.stringify([newStandard, { ...part1With(30), thresholds: { single: -3 } }]), 'bad.json');
    expect(badEntry.added).toBe(0);
    expect(badEntry.errors.join('\n')).toMatch(/bad\.json: standards\[1\] \("4plus4-part1"\)\.thresholds/);
    expect(getCatalogueSnapshot().edits).toEqual([]);
  });

  it('exports the merged catalogue or only the edits, and the edits file imports back', async () => {
    await saveStandard(part1With(35));
    await addStandard(newStandard);
    const all = JSON.parse(exportJson('merged')) as { format: string; standards: Standard[] };
    expect(all.format).toBe('msvw-standards');
    expect(all.standards).toHaveLength(SHIPPED_STANDARDS.length + 1);
    const editsOnly = exportJson('edits');
    expect((JSON.parse(editsOnly) as { standards: Standard[] }).standards.map((s) => s.id)).toEqual(['4plus4-part1', newStandard.id]);

    await resetStandard('4plus4-part1');
    await removeAdded(newStandard.id);
    expect(await importJson(editsOnly, 'edits.json')).toEqual({ added: 1, replaced: 1, unchanged: 0, errors: [] });
  });

  it('leaves out stored edits that no longer pass the schema, and says so', async () => {
    await setSetting(STANDARDS_EDITS_SETTING, { format: 'msvw-standards', version: 1, standards: [part1With(33), { ...newStandard, thresholds: { single: 0 } }] });
    await reloadCatalogue();
    const snap = getCatalogueSnapshot();
    expect(snap.edits.map((s) => s.id)).toEqual(['4plus4-part1']);
    expect(snap.loadProblems.join('\n')).toMatch(/local-mri-to-diagnosis/);
  });

  it('does not bring back edits after local data was deleted', async () => {
    await saveStandard(part1With(35));
    await deleteAllLocalData();
    const part2 = shipped('4plus4-part2') as IntervalStandard;
    await saveStandard({ ...part2, thresholds: { single: 30 } });
    expect(getCatalogueSnapshot().edits.map((s) => s.id)).toEqual(['4plus4-part2']);
    expect(merged('4plus4-part1')).toEqual(shipped('4plus4-part1'));
  });

  it('keeps the same snapshot when a reload finds nothing new', async () => {
    await saveStandard(part1With(35));
    const before = getCatalogueSnapshot();
    await reloadCatalogue();
    expect(getCatalogueSnapshot()).toBe(before);
  });
});
