import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { Table as ArrowTable, dictionary, tableFromArrays, tableFromIPC, tableToIPC, utf8 } from '@uwdata/flechette';
import {
  ARROW_PAYLOAD_FORMAT,
  ArrowPayloadError,
  META_FORMAT,
  META_KIND,
  tableFromArrowChunks,
  tableToArrowChunks,
} from '../../../shared/data/arrow';
import { cellValue, type Column, type ColumnarTable } from '../../../shared/data/table';

const MS_PER_DAY = 86_400_000;

function text(name: string, values: (string | null)[]): Column {
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const codes = Int32Array.from(values, (v) => {
    if (v === null) return -1;
    let code = index.get(v);
    if (code === undefined) {
      code = dictionary.push(v) - 1;
      index.set(v, code);
    }
    return code;
  });
  return { kind: 'text', name, codes, dictionary };
}

function numbers(name: string, values: (number | null)[]): Column {
  return { kind: 'number', name, values: Float64Array.from(values, (v) => (v === null ? Number.NaN : v)) };
}

function dates(name: string, values: (number | null)[]): Column {
  return { kind: 'date', name, values: Float64Array.from(values, (v) => (v === null ? Number.NaN : v)) };
}

function table(...columns: Column[]): ColumnarTable {
  const first = columns[0];
  const rowCount = first ? (first.kind === 'text' ? first.codes.length : first.values.length) : 0;
  return { rowCount, columns };
}

/** Every cell as a plain value, column by column. */
function cells(t: ColumnarTable): (string | number | null)[][] {
  return t.columns.map((c) => Array.from({ length: t.rowCount }, (_, row) => cellValue(c, row)));
}

function expectSameTable(actual: ColumnarTable, expected: ColumnarTable): void {
  expect(actual.rowCount).toBe(expected.rowCount);
  expect(actual.columns.map((c) => [c.name, c.kind])).toEqual(expected.columns.map((c) => [c.name, c.kind]));
  expect(cells(actual)).toEqual(cells(expected));
}

/** Index of the first cell where two columns differ (Object.is on values, codes and dictionary), or -1. */
function firstDifference(a: Column, b: Column): number | string {
  if (a.kind !== b.kind || a.name !== b.name) return 'kind or name';
  if (a.kind === 'text' && b.kind === 'text') {
    if (a.dictionary.length !== b.dictionary.length || a.dictionary.some((s, k) => s !== b.dictionary[k])) return 'dictionary';
    if (a.codes.length !== b.codes.length) return 'length';
    for (let i = 0; i < a.codes.length; i++) if (a.codes[i] !== b.codes[i]) return i;
    return -1;
  }
  const x = (a as { values: Float64Array }).values;
  const y = (b as { values: Float64Array }).values;
  if (x.length !== y.length) return 'length';
  for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return i;
  return -1;
}

/** An Arquero table over one chunk, read the way the brief asks: aq.fromArrow(tableFromIPC(bytes)). */
function fromArrowChunk(bytes: Uint8Array) {
  // flechette's schema metadata is `Map | null`, Arquero's type says `Map | undefined`: same object.
  return aq.fromArrow(tableFromIPC(bytes) as unknown as Parameters<typeof aq.fromArrow>[0]);
}

/** Deterministic pseudo-random numbers in [0, 1) (LCG, Numerical Recipes constants). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const mixed = table(
  text('centre', ['Leeds', null, 'Cardiff', 'Leeds', 'Bristol', null, 'Cardiff']),
  numbers('edss', [3.5, null, 0, -0, 6.5, Number.POSITIVE_INFINITY, null]),
  dates('visit_date', [19000, 19001, null, -365, 0, null, 20500]),
  text('ms_type', ['RRMS', 'SPMS', 'PPMS', null, 'RRMS', 'RRMS', 'CIS']),
);

describe('tableToArrowChunks / tableFromArrowChunks', () => {
  it('round-trips every column kind with missing values exactly', () => {
    const chunks = tableToArrowChunks(mixed);
    expect(chunks).toHaveLength(1);
    const back = tableFromArrowChunks(chunks);
    expectSameTable(back, mixed);
    const edss = back.columns[1];
    expect(edss.kind === 'number' && Object.is(edss.values[3], -0)).toBe(true);
    // Codes and dictionaries come back as they were when every entry is used.
    const centre = back.columns[0];
    expect(centre.kind === 'text' && Array.from(centre.codes)).toEqual(Array.from((mixed.columns[0] as { codes: Int32Array }).codes));
    expect(centre.kind === 'text' && centre.dictionary).toEqual(['Leeds', 'Cardiff', 'Bristol']);
  });

  it('splits rows into chunks that each decode on their own, and merges them back', () => {
    const chunks = tableToArrowChunks(mixed, 3);
    expect(chunks).toHaveLength(3);
    expectSameTable(tableFromArrowChunks(chunks), mixed);
    // The last chunk alone holds rows 7.. only.
    const last = tableFromArrowChunks([chunks[2]]);
    expect(last.rowCount).toBe(1);
    expect(cells(last)).toEqual(cells(mixed).map((column) => column.slice(6)));
  });

  it('keeps the table codes across chunks even when the dictionary is not in row order', () => {
    const t: ColumnarTable = {
      rowCount: 6,
      columns: [{ kind: 'text', name: 'sex', codes: Int32Array.from([2, 2, 0, 1, -1, 2]), dictionary: ['F', 'M', 'U'] }],
    };
    const back = tableFromArrowChunks(tableToArrowChunks(t, 2));
    expect(back.columns[0]).toEqual(t.columns[0]);
  });

  it('drops dictionary entries no row uses but keeps every cell', () => {
    const t: ColumnarTable = {
      rowCount: 4,
      columns: [{ kind: 'text', name: 'site', codes: Int32Array.from([3, 1, 3, -1]), dictionary: ['a', 'b', 'c', 'd', 'e'] }],
    };
    for (const rows of [4, 1]) {
      const back = tableFromArrowChunks(tableToArrowChunks(t, rows));
      expectSameTable(back, t);
      expect(back.columns[0].kind === 'text' && back.columns[0].dictionary).toEqual(['b', 'd']);
    }
  });

  it('keeps an empty table: column names and kinds, no rows', () => {
    const empty = table(text('a', []), numbers('b', []), dates('c', []));
    const chunks = tableToArrowChunks(empty);
    expect(chunks).toHaveLength(1);
    const back = tableFromArrowChunks(chunks);
    expect(back.rowCount).toBe(0);
    expect(back.columns.map((c) => [c.name, c.kind])).toEqual([['a', 'text'], ['b', 'number'], ['c', 'date']]);
  });

  it('keeps the row count of a table with no columns', () => {
    const back = tableFromArrowChunks(tableToArrowChunks({ rowCount: 5, columns: [] }, 2));
    expect(back).toEqual({ rowCount: 5, columns: [] });
  });

  it('keeps non-ASCII text: £, accents, CJK, emoji, and the empty string apart from missing', () => {
    const values = ['£12.50', 'Zoë', '', null, 'Ysbyty Gwynedd – Bangor', '東京', '🧠 MS', '£12.50', ''];
    const t = table(text('note', values));
    for (const rows of [100, 2]) {
      const back = tableFromArrowChunks(tableToArrowChunks(t, rows));
      expect(cells(back)).toEqual([values]);
    }
  });

  it('keeps large dictionaries exact when only some entries are not ASCII', () => {
    const dictionary = Array.from({ length: 10_000 }, (_, k) => (k % 997 === 5 ? `£${k} – Zoë` : `id-${k}`));
    const t: ColumnarTable = { rowCount: 10_000, columns: [{ kind: 'text', name: 'id', codes: Int32Array.from({ length: 10_000 }, (_, i) => 9_999 - i), dictionary }] };
    for (const rows of [10_000, 3_000]) {
      const back = tableFromArrowChunks(tableToArrowChunks(t, rows));
      expect(firstDifference(back.columns[0], t.columns[0])).toBe(-1);
    }
  });

  it('stores dates as Arrow DateDay, and dates that are not whole days exactly as numbers', () => {
    const whole = tableFromIPC(tableToArrowChunks(table(dates('d', [19000, null])))[0]);
    expect(whole.schema.fields[0].type).toMatchObject({ typeId: 8, unit: 0 });
    const odd = table(dates('d', [19000.5, null, 3e10]));
    const chunk = tableToArrowChunks(odd)[0];
    expect(tableFromIPC(chunk).schema.fields[0].type.typeId).toBe(3);
    const back = tableFromArrowChunks([chunk]);
    expect(back.columns[0].kind).toBe('date');
    expect(Array.from((back.columns[0] as { values: Float64Array }).values)).toEqual([19000.5, Number.NaN, 3e10]);
  });

  it('stores whole numbers in the narrowest Arrow Int that holds them, and gets the same numbers back', () => {
    const t = table(
      numbers('imd_decile', [1, 10, null, -128, 127]),
      numbers('count', [0, 300, -32768, 32767, null]),
      numbers('big', [2 ** 31 - 1, -(2 ** 31), 0, null, 5]),
      numbers('huge', [2 ** 31, 1, 2, 3, 4]),
      numbers('negative_zero', [-0, 1, 2, 3, 4]),
      numbers('fraction', [0.5, 1, 2, 3, 4]),
      numbers('all_missing', [null, null, null, null, null]),
    );
    const chunk = tableToArrowChunks(t)[0];
    expect(tableFromIPC(chunk).schema.fields.map((f) => f.type)).toMatchObject([
      { typeId: 2, bitWidth: 8, signed: true },
      { typeId: 2, bitWidth: 16, signed: true },
      { typeId: 2, bitWidth: 32, signed: true },
      { typeId: 3 },
      { typeId: 3 },
      { typeId: 3 },
      { typeId: 2, bitWidth: 8 },
    ]);
    const back = tableFromArrowChunks([chunk]);
    expect(back.columns.map((c, i) => firstDifference(c, t.columns[i]))).toEqual([-1, -1, -1, -1, -1, -1, -1]);
    expect(back.columns.every((c) => c.kind === 'number')).toBe(true);
    const rows = fromArrowChunk(chunk).objects();
    expect(rows[0]).toMatchObject({ imd_decile: 1, count: 0, big: 2 ** 31 - 1, huge: 2 ** 31 });
    expect(rows[2]).toMatchObject({ imd_decile: null, count: -32768, big: 0, all_missing: null });
  });

  it('sizes dictionary indices to the dictionary: Int8, Int16 or Int32', () => {
    const many = (size: number): Column => ({
      kind: 'text',
      name: `d${size}`,
      codes: Int32Array.from({ length: 40_000 }, (_, i) => (i % 13 === 0 && i >= size ? -1 : i % size)),
      dictionary: Array.from({ length: size }, (_, k) => `v${k}`),
    });
    const t = table(many(127), many(128), many(32_767), many(32_768));
    const chunk = tableToArrowChunks(t)[0];
    expect(tableFromIPC(chunk).schema.fields.map((f) => f.type.typeId === -1 && f.type.indices.bitWidth)).toEqual([8, 16, 16, 32]);
    // Arquero keeps nulls as one more key of the index type: it must still fit.
    const rows = fromArrowChunk(chunk).objects();
    expect(rows[0]).toEqual({ d127: 'v0', d128: 'v0', d32767: 'v0', d32768: 'v0' });
    expect(rows[39_000]).toEqual({ d127: null, d128: null, d32767: null, d32768: null });
    expect(rows[127]).toEqual({ d127: 'v0', d128: 'v127', d32767: 'v127', d32768: 'v127' });
    const back = tableFromArrowChunks([chunk]);
    expect(back.columns.map((c, i) => firstDifference(c, t.columns[i]))).toEqual([-1, -1, -1, -1]);
    expect(cells(tableFromArrowChunks(tableToArrowChunks(t, 7_000)))).toEqual(cells(t));
  });

  it('writes the payload format and each column kind into the Arrow metadata', () => {
    const arrow = tableFromIPC(tableToArrowChunks(mixed)[0]);
    expect(arrow.schema.metadata?.get(META_FORMAT)).toBe(String(ARROW_PAYLOAD_FORMAT));
    expect(arrow.schema.fields.map((f) => f.metadata?.get(META_KIND))).toEqual(['text', 'number', 'date', 'text']);
  });

  it('round-trips a 200,000-row random table exactly, in one chunk and in several', () => {
    const n = 200_000;
    const r = random(7);
    const ids = Array.from({ length: 50_000 }, (_, k) => `PX${(k * 2654435761 >>> 0).toString(16).padStart(8, '0')}`);
    // The first 50,000 rows use every id once, in an order unlike the dictionary's; the rest are random.
    const idCodes = Int32Array.from({ length: n }, (_, i) =>
      i < ids.length ? (i * 7919) % ids.length : r() < 0.01 ? -1 : Math.floor(r() * ids.length),
    );
    const centres = ['Leeds', 'Cardiff', 'Bristol', 'Glasgow', 'Belfast', 'Newcastle – RVI', '£ unknown'];
    const centreCodes = Int32Array.from({ length: n }, () => (r() < 0.05 ? -1 : Math.floor(r() * centres.length)));
    const edss = Float64Array.from({ length: n }, () => (r() < 0.1 ? Number.NaN : Math.round(r() * 20) / 2));
    const score = Float64Array.from({ length: n }, () => (r() < 0.02 ? Number.NaN : (r() - 0.5) * 1e6));
    const visit = Float64Array.from({ length: n }, () => (r() < 0.03 ? Number.NaN : 14_000 + Math.floor(r() * 7_000)));
    const t: ColumnarTable = {
      rowCount: n,
      columns: [
        { kind: 'text', name: 'patient_id', codes: idCodes, dictionary: ids },
        { kind: 'text', name: 'centre', codes: centreCodes, dictionary: centres },
        { kind: 'number', name: 'edss', values: edss },
        { kind: 'number', name: 'score', values: score },
        { kind: 'date', name: 'visit_date', values: visit },
      ],
    };
    for (const rows of [250_000, 60_000]) {
      const back = tableFromArrowChunks(tableToArrowChunks(t, rows));
      expect(back.rowCount).toBe(n);
      // Every id is used, so codes and dictionaries come back identical, not just equal cells.
      expect(back.columns.map((c, i) => firstDifference(c, t.columns[i]))).toEqual([-1, -1, -1, -1, -1]);
    }
  });

  it('produces bytes that Arquero reads chunk by chunk, with nulls and dictionaries intact', () => {
    const chunks = tableToArrowChunks(mixed, 4);
    const rows = chunks.flatMap((bytes) => fromArrowChunk(bytes).objects());
    expect(rows).toEqual([
      { centre: 'Leeds', edss: 3.5, visit_date: 19000 * MS_PER_DAY, ms_type: 'RRMS' },
      { centre: null, edss: null, visit_date: 19001 * MS_PER_DAY, ms_type: 'SPMS' },
      { centre: 'Cardiff', edss: 0, visit_date: null, ms_type: 'PPMS' },
      { centre: 'Leeds', edss: -0, visit_date: -365 * MS_PER_DAY, ms_type: null },
      { centre: 'Bristol', edss: 6.5, visit_date: 0, ms_type: 'RRMS' },
      { centre: null, edss: Number.POSITIVE_INFINITY, visit_date: null, ms_type: 'RRMS' },
      { centre: 'Cardiff', edss: null, visit_date: 20500 * MS_PER_DAY, ms_type: 'CIS' },
    ]);
    // Arquero can group on the dictionary column of a chunk.
    const counts = fromArrowChunk(chunks[0]).groupby('centre').count().objects();
    expect(counts).toEqual(expect.arrayContaining([{ centre: 'Leeds', count: 2 }, { centre: 'Cardiff', count: 1 }, { centre: null, count: 1 }]));
  });

  it('reads Arrow text written by another writer (no workbench metadata) by value', () => {
    const other = tableFromArrays({ t: ['x', null, 'y', 'x'] }, { types: { t: dictionary(utf8()) } });
    const more = tableFromArrays({ t: ['y', 'z'] }, { types: { t: dictionary(utf8()) } });
    const back = tableFromArrowChunks([tableToIPC(other, {}) as Uint8Array, tableToIPC(more, {}) as Uint8Array]);
    expect(cells(back)).toEqual([['x', null, 'y', 'x', 'y', 'z']]);
  });

  it('refuses chunks from a newer payload format with a message saying what to do', () => {
    const arrow = tableFromArrays({ a: new Float64Array([1, 2]) });
    const future = new ArrowTable({ ...arrow.schema, metadata: new Map([[META_FORMAT, String(ARROW_PAYLOAD_FORMAT + 1)]]) }, arrow.children);
    expect(() => tableFromArrowChunks([tableToIPC(future, {}) as Uint8Array])).toThrow(/newer version of the workbench.*update/);
  });

  it('reports a damaged chunk as such, not with a stack trace', () => {
    const bytes = tableToArrowChunks(mixed)[0];
    expect(() => tableFromArrowChunks([bytes.slice(0, bytes.length >> 1)])).toThrow(ArrowPayloadError);
    expect(() => tableFromArrowChunks([])).toThrow(ArrowPayloadError);
  });

  it('refuses to store a text code that points outside its dictionary', () => {
    const bad: ColumnarTable = { rowCount: 2, columns: [{ kind: 'text', name: 'x', codes: Int32Array.from([0, 5]), dictionary: ['a'] }] };
    expect(() => tableToArrowChunks(bad)).toThrow(/"x" row 2/);
  });

  it('decodes chunks whose bytes do not start on an 8-byte boundary', () => {
    const bytes = tableToArrowChunks(mixed)[0];
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    expectSameTable(tableFromArrowChunks([shifted.subarray(3)]), mixed);
  });
});
