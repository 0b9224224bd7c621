import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_SCHEMA_VERSION, SCHEMA_V1, WorkbenchDatabase } from '../../../renderer/src/store/database';
import { setActiveDatabase } from '../../../renderer/src/store/datasets';
import { addAnnotation, annotationProblem, deleteAnnotation, listAllAnnotations, listAnnotations } from '../../../renderer/src/store/annotations';

let n = 0;
const opened: Dexie[] = [];
function fresh(): string {
  return `annotations-test-${++n}`;
}

afterEach(async () => {
  for (const db of opened.splice(0)) { db.close(); await Dexie.delete(db.name); }
});

describe('database version 2: annotations', () => {
  it('upgrading a version 1 database keeps its datasets, mappings and settings and adds an empty annotations table', async () => {
    const name = fresh();
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    await v1.table('settings').put({ key: 'suppression', value: 'nhs-digital' });
    await v1.table('mappings').put({ signature: 'sig', mapping: { centre_code: 'Centre' }, updatedAt: '2026-01-01T00:00:00Z' });
    await v1.table('datasets').put({ id: 'd1', importedAt: '2026-01-01T00:00:00Z', status: 'complete', sha256: 'ab', name: 'x.csv' });
    await v1.table('chunks').put({ datasetId: 'd1', index: 0, bytes: new Uint8Array([1, 2, 3]) });
    v1.close();

    const db = new WorkbenchDatabase(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(DATABASE_SCHEMA_VERSION);
    expect(await db.settings.get('suppression')).toEqual({ key: 'suppression', value: 'nhs-digital' });
    expect((await db.mappings.get('sig'))?.mapping).toEqual({ centre_code: 'Centre' });
    expect((await db.datasets.get('d1'))?.name).toBe('x.csv');
    expect(Array.from((await db.chunks.get(['d1', 0]))?.bytes ?? [])).toEqual([1, 2, 3]);
    expect(await db.annotations.count()).toBe(0);
  });

  it('stores notes per measure and group, lists them by date, and deletes them', async () => {
    const db = new WorkbenchDatabase(fresh());
    opened.push(db);
    setActiveDatabase(db);
    await addAnnotation({ measureId: '4plus4-part1', by: 'centre_code', group: 'RX1', date: '2025-06-01', text: '  New triage clinic started ' });
    await addAnnotation({ measureId: '4plus4-part1', by: 'centre_code', group: 'RX1', date: '2024-11-15', text: 'Nurse post filled' });
    await addAnnotation({ measureId: '4plus4-part1', by: 'centre_code', group: 'RX2', date: '2025-01-01', text: 'Other centre' });
    await addAnnotation({ measureId: 'other', by: 'centre_code', group: 'RX1', date: '2025-01-01', text: 'Other measure' });
    const notes = await listAnnotations('4plus4-part1', 'RX1', 'centre_code');
    expect(notes.map((x) => [x.date, x.text])).toEqual([['2024-11-15', 'Nurse post filled'], ['2025-06-01', 'New triage clinic started']]);
    expect(await listAnnotations('4plus4-part1', 'RX1', 'region')).toEqual([]);
    expect((await listAllAnnotations()).map((x) => x.date)).toEqual(['2024-11-15', '2025-01-01', '2025-01-01', '2025-06-01']);
    await deleteAnnotation(notes[0].id);
    expect((await listAnnotations('4plus4-part1', 'RX1', 'centre_code')).map((x) => x.text)).toEqual(['New triage clinic started']);
  });

  it('refuses a note without a date or text, with a message saying what to do', async () => {
    expect(annotationProblem({ date: '', text: 'x' })).toMatch(/date/);
    expect(annotationProblem({ date: '2025-02-30x', text: 'x' })).toMatch(/date/);
    expect(annotationProblem({ date: '2025-02-01', text: '   ' })).toMatch(/Describe the change/);
    expect(annotationProblem({ date: '2025-02-01', text: 'ok' })).toBeNull();
    const db = new WorkbenchDatabase(fresh());
    opened.push(db);
    setActiveDatabase(db);
    await expect(addAnnotation({ measureId: 'm', by: 'centre_code', group: 'g', date: '', text: 'x' })).rejects.toThrow(/date/);
  });
});
