import { describe, expect, it } from 'vitest';
import { seeded } from '../../helpers/seeded';
import {
  HES_LEGACY_THRESHOLD, NHS_DIGITAL_THRESHOLD, SuppressionError, suppressTable, suppressionNote, type SuppressionOptions, type TableRow,
} from '../../../shared/privacy/suppression';
import { analyseVariation, type VariationOptions } from '../../../shared/analysis/variation';
import { publicationCsv, publicationJson, publishVariation, type SuppressionRule } from '../../../shared/output/publish';
import { funnelSpec } from '../../../shared/charts/funnel-spec';
import { footnoteLines, suppressVariationTable, variationFootnote, variationTableRows } from '../../../shared/export/table-export';
import { buildTable } from '../analysis/build-table';

/** Seeded so a failing table can be replayed from its seed. */
const mulberry32 = seeded;

/** Rank of an integer matrix, by fraction-free elimination in exact BigInt arithmetic. */
function rank(matrix: readonly (readonly number[])[]): number {
  const m = matrix.map((row) => row.map((v) => BigInt(v)));
  const cols = m.length ? m[0].length : 0;
  let r = 0;
  for (let c = 0; c < cols && r < m.length; c++) {
    const p = m.findIndex((row, i) => i >= r && row[c] !== 0n);
    if (p < 0) continue;
    [m[r], m[p]] = [m[p], m[r]];
    for (let i = r + 1; i < m.length; i++) {
      if (m[i][c] === 0n) continue;
      const a = m[r][c];
      const b = m[i][c];
      m[i] = m[i].map((v, k) => v * a - m[r][k] * b);
    }
    r++;
  }
  return r;
}

interface Published {
  /** Unknown cells: row/column of the table, or a group total that is itself small. */
  unknowns: string[];
  /** Each published sum as coefficients on the unknowns (the known part is irrelevant to recoverability). */
  equations: number[][];
}

/**
 * What someone holding the published table can write down, built independently of the implementation:
 * each row's parts minus its total (when a total column is published), and each group's column sums
 * minus the group total (published unless the total is itself in the suppression range).
 */
function attackerView(original: readonly TableRow[], published: readonly TableRow[], options: SuppressionOptions): Published {
  const columns = [...options.countColumns, ...(options.totalColumn ? [options.totalColumn] : [])];
  const unknowns: string[] = [];
  const index = new Map<string, number>();
  const unknown = (key: string): number => {
    if (!index.has(key)) {
      index.set(key, unknowns.length);
      unknowns.push(key);
    }
    return index.get(key) as number;
  };
  const terms: [string, number][][] = [];
  published.forEach((row, r) => columns.forEach((c) => { if (row[c] === '*') unknown(`${r}:${c}`); }));
  if (options.totalColumn) {
    published.forEach((_, r) => terms.push(columns.map((c) => [`${r}:${c}`, c === options.totalColumn ? -1 : 1])));
  }
  if (options.groupBy) {
    const groups = new Map<string, number[]>();
    original.forEach((row, r) => {
      const key = options.groupBy?.map((g) => String(row[g])).join('|') ?? '';
      groups.set(key, [...(groups.get(key) ?? []), r]);
    });
    const { min, max } = options.threshold ?? NHS_DIGITAL_THRESHOLD;
    for (const [key, members] of groups) {
      for (const c of columns) {
        const total = members.reduce((s, r) => s + Number(original[r][c]), 0);
        const totalHidden = (total >= min && total <= max) || (options.suppressZero === true && total === 0);
        const eq: [string, number][] = members.map((r) => [`${r}:${c}`, 1]);
        if (totalHidden) {
          unknown(`total ${key}:${c}`);
          eq.push([`total ${key}:${c}`, -1]);
        }
        terms.push(eq);
      }
    }
  }
  const equations = terms
    .map((eq) => {
      const row = new Array<number>(unknowns.length).fill(0);
      for (const [key, coefficient] of eq) if (index.has(key)) row[index.get(key) as number] += coefficient;
      return row;
    })
    .filter((row) => row.some((v) => v !== 0));
  return { unknowns, equations };
}

/** Table cells ("row:column") whose hidden value follows exactly from the published cells and totals. */
function recoverable(view: Published): string[] {
  const base = rank(view.equations);
  return view.unknowns.filter((key, j) => {
    if (key.startsWith('total')) return false;
    const unit = view.unknowns.map((_, k) => (k === j ? 1 : 0));
    return rank([...view.equations, unit]) === base;
  });
}

/** Cells recoverable by a single subtraction: a published sum with exactly one unknown. */
function recoverableBySubtraction(view: Published): string[] {
  return view.equations.flatMap((eq) => {
    const nonzero = eq.flatMap((v, j) => (v !== 0 ? [j] : []));
    return nonzero.length === 1 && !view.unknowns[nonzero[0]].startsWith('total') ? [view.unknowns[nonzero[0]]] : [];
  });
}

describe('primary suppression', () => {
  const rows = [
    { centre: 'A', count: 0 }, { centre: 'B', count: 1 }, { centre: 'C', count: 5 }, { centre: 'D', count: 6 },
    { centre: 'E', count: 7 }, { centre: 'F', count: 8 }, { centre: 'G', count: 120 },
  ];

  it('hides counts of 1-7 as * and shows zeros and counts of 8 or more (NHS Digital)', () => {
    const { rows: out, suppressedCells } = suppressTable(rows, { countColumns: ['count'] });
    expect(out.map((r) => r.count)).toEqual([0, '*', '*', '*', '*', 8, 120]);
    expect(suppressedCells.every((c) => c.reason === 'primary')).toBe(true);
    expect(out.map((r) => r.centre)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
  });

  it('takes another threshold, e.g. 1-5 (older HES practice)', () => {
    const { rows: out } = suppressTable(rows, { countColumns: ['count'], threshold: HES_LEGACY_THRESHOLD });
    expect(out.map((r) => r.count)).toEqual([0, '*', '*', 6, 7, 8, 120]);
  });

  it('hides zeros too when asked', () => {
    const { rows: out, note } = suppressTable(rows, { countColumns: ['count'], suppressZero: true });
    expect(out[0].count).toBe('*');
    expect(note).toMatch(/Counts of 0 and 1-7 are suppressed/);
  });

  it('does not change the rows it is given', () => {
    const copy = structuredClone(rows);
    suppressTable(rows, { countColumns: ['count'] });
    expect(rows).toEqual(copy);
  });

  it('refuses a threshold that is not a range of whole counts from 1', () => {
    expect(() => suppressTable(rows, { countColumns: ['count'], threshold: { min: 0, max: 7 } })).toThrow(/1 <= min <= max.*suppressZero/);
    expect(() => suppressTable(rows, { countColumns: ['count'], threshold: { min: 5, max: 3 } })).toThrow(SuppressionError);
  });

  it('names the row and column of a value that is not a count', () => {
    const bad = [{ centre: 'A', count: 10 }, { centre: 'B', count: 2.5 }];
    expect(() => suppressTable(bad, { countColumns: ['count'] })).toThrow(/Row 2, column "count": 2.5 is not a count/);
    expect(() => suppressTable([{ count: '*' }], { countColumns: ['count'] })).toThrow(/already-suppressed/);
  });
});

describe('derived values', () => {
  it('hides a percentage and interval computed from a hidden count, and only those', () => {
    const rows = [
      { centre: 'A', met: 3, n: 40, pct: 7.5, lower: 2.6 },
      { centre: 'B', met: 30, n: 40, pct: 75, lower: 59.8 },
    ];
    const { rows: out, suppressedCells, note } = suppressTable(rows, {
      countColumns: ['met', 'n'], secondary: false, derived: { pct: ['met', 'n'], lower: ['pct'] },
    });
    expect(out[0]).toEqual({ centre: 'A', met: '*', n: 40, pct: '*', lower: '*' });
    expect(out[1]).toEqual(rows[1]);
    expect(suppressedCells.filter((c) => c.reason === 'derived').map((c) => c.column).sort()).toEqual(['lower', 'pct']);
    expect(note).toMatch(/percentages and confidence intervals/);
  });

  it('refuses a derived column that depends on a column it does not know', () => {
    expect(() => suppressTable([{ met: 3 }], { countColumns: ['met'], derived: { pct: ['denominator'] } })).toThrow(/"pct" depends on "denominator"/);
  });
});

describe('secondary suppression', () => {
  it('hides the next smallest count in a row whose total is published', () => {
    const rows = [{ a: 3, b: 10, c: 12, total: 25 }];
    const { rows: out, suppressedCells } = suppressTable(rows, { countColumns: ['a', 'b', 'c'], totalColumn: 'total' });
    expect(out[0]).toEqual({ a: '*', b: '*', c: 12, total: 25 });
    expect(suppressedCells).toEqual([{ row: 0, column: 'a', reason: 'primary' }, { row: 0, column: 'b', reason: 'secondary' }]);
  });

  it('needs nothing more when two counts in the row are already hidden', () => {
    const { suppressedCells } = suppressTable([{ a: 3, b: 4, c: 20, total: 27 }], { countColumns: ['a', 'b', 'c'], totalColumn: 'total' });
    expect(suppressedCells.map((c) => c.reason)).toEqual(['primary', 'primary']);
  });

  it('prefers a non-zero count to a zero as the partner', () => {
    const { rows: out } = suppressTable([{ a: 3, b: 0, c: 40, total: 43 }], { countColumns: ['a', 'b', 'c'], totalColumn: 'total' });
    expect(out[0]).toEqual({ a: '*', b: 0, c: '*', total: 43 });
  });

  it('protects a column whose group total is published by hiding another centre in the group', () => {
    const rows = [
      { region: 'North', centre: 'A', met: 5 }, { region: 'North', centre: 'B', met: 40 }, { region: 'North', centre: 'C', met: 22 },
      { region: 'South', centre: 'D', met: 50 }, { region: 'South', centre: 'E', met: 60 },
    ];
    const { rows: out } = suppressTable(rows, { countColumns: ['met'], groupBy: ['region'] });
    expect(out.map((r) => r.met)).toEqual(['*', 40, '*', 50, 60]);
  });

  it('hides a count that a row and its column together would reveal (the audit)', () => {
    // Every row and column sum has at least two hidden counts, yet row 2's "c" (5) joins two closed
    // loops of hidden cells and follows from rows 1-2 minus columns a-b: (a0+b0) + (a1+b1+c1) - (a0+a1) - (b0+b1).
    const rows = [
      { a: 2, b: 3, c: 50, d: 60, total: 115 },
      { a: 3, b: 2, c: 5, d: 80, total: 90 },
      { a: 40, b: 45, c: 4, d: 5, total: 94 },
      { a: 55, b: 65, c: 6, d: 2, total: 128 },
    ];
    const options: SuppressionOptions = { countColumns: ['a', 'b', 'c', 'd'], totalColumn: 'total', groupBy: [] };
    const primaryOnly = suppressTable(rows, { ...options, secondary: false });
    const before = attackerView(rows, primaryOnly.rows, options);
    expect(recoverableBySubtraction(before)).toEqual([]);
    expect(recoverable(before)).toEqual(['1:c']);
    const { rows: out, suppressedCells } = suppressTable(rows, options);
    expect(suppressedCells.some((c) => c.reason === 'secondary')).toBe(true);
    expect(recoverable(attackerView(rows, out, options))).toEqual([]);
  });

  it('reports a count that cannot be protected when its own row is the whole group', () => {
    const rows = [{ region: 'North', met: 38, notMet: 2, n: 40 }];
    const options: SuppressionOptions = { countColumns: ['met', 'notMet'], totalColumn: 'n', groupBy: ['region'] };
    expect(() => suppressTable(rows, options)).toThrow(/Row 1, column "notMet".*leave groupBy unset/);
    expect(suppressTable(rows, { ...options, groupBy: undefined }).rows[0]).toEqual({ region: 'North', met: '*', notMet: '*', n: 40 });
  });

  it('leaves counts alone when secondary suppression is off', () => {
    const { rows: out } = suppressTable([{ a: 3, b: 10, total: 13 }], { countColumns: ['a', 'b'], totalColumn: 'total', secondary: false });
    expect(out[0]).toEqual({ a: '*', b: 10, total: 13 });
  });
});

describe('no hidden count can be recovered from published totals (random tables)', () => {
  /** A count drawn so that zeros, small and large counts all turn up. */
  const draw = (rnd: () => number): number => {
    const u = rnd();
    if (u < 0.15) return 0;
    if (u < 0.5) return 1 + Math.floor(rnd() * 7);
    if (u < 0.85) return 8 + Math.floor(rnd() * 25);
    return 33 + Math.floor(rnd() * 200);
  };

  const seeds = Array.from({ length: 400 }, (_, i) => i + 1);
  it.each(seeds)('seed %i', (seed) => {
    const rnd = mulberry32(seed);
    const rowCount = 2 + Math.floor(rnd() * 7);
    const partCount = 1 + Math.floor(rnd() * 4);
    const parts = Array.from({ length: partCount }, (_, i) => `c${i}`);
    const withTotal = rnd() < 0.7;
    const grouping = rnd();
    // Groups of at least two rows, as in a real league table by region.
    const groupCount = Math.max(1, Math.floor(rowCount / 2));
    const rows: TableRow[] = Array.from({ length: rowCount }, (_, r) => {
      const row: TableRow = { centre: `C${r}`, region: `R${r % groupCount}` };
      let total = 0;
      for (const p of parts) {
        const v = draw(rnd);
        row[p] = v;
        total += v;
      }
      if (withTotal) row.total = total;
      row.pct = total;
      return row;
    });
    const options: SuppressionOptions = {
      countColumns: parts,
      totalColumn: withTotal ? 'total' : undefined,
      groupBy: grouping < 0.3 ? undefined : grouping < 0.65 ? [] : ['region'],
      threshold: rnd() < 0.5 ? NHS_DIGITAL_THRESHOLD : HES_LEGACY_THRESHOLD,
      suppressZero: rnd() < 0.15,
      derived: { pct: parts },
    };
    const { rows: out, suppressedCells } = suppressTable(rows, options);
    const { min, max } = options.threshold ?? NHS_DIGITAL_THRESHOLD;
    const columns = [...parts, ...(withTotal ? ['total'] : [])];
    out.forEach((row, r) => {
      for (const c of columns) {
        const v = rows[r][c] as number;
        const primary = (v >= min && v <= max) || (options.suppressZero === true && v === 0);
        if (primary) expect(row[c], `row ${r} ${c} = ${v}`).toBe('*');
        else if (row[c] !== '*') expect(row[c]).toBe(v);
      }
      const anyHidden = parts.some((p) => row[p] === '*');
      expect(row.pct === '*').toBe(anyHidden);
    });
    expect(suppressedCells.length).toBe(out.reduce((n, row) => n + Object.values(row).filter((v) => v === '*').length, 0));
    const view = attackerView(rows, out, options);
    expect(recoverableBySubtraction(view), 'recoverable by one subtraction').toEqual([]);
    expect(recoverable(view), 'recoverable by combining sums').toEqual([]);
  });
});

describe('suppressionNote', () => {
  it('states the default rule in words', () => {
    expect(suppressionNote()).toBe(
      'Counts of 1-7 are suppressed (*) to protect confidentiality; zeros are shown. Further counts are suppressed (*) where a hidden count could otherwise be worked out from totals.',
    );
    expect(suppressionNote({ threshold: HES_LEGACY_THRESHOLD, secondary: false })).toBe('Counts of 1-5 are suppressed (*) to protect confidentiality; zeros are shown.');
  });
});

/*
 * The attacker, extended to every published figure (issue 11, item 7). Beside the table, an export
 * publishes derived figures: pooled target, phi, tau², limits, z, totals and the number of centres
 * shown. The exact-rank attacker above covers sums of counts; these figures are not linear, so
 * the attacker here works by exact indistinguishability: for every hidden count and every value
 * across its whole suppressed range (1-7, or 1-5), change the underlying data to that value,
 * publish again, and compare everything that leaves (rows, footnote, subtitle, statistics, CSV,
 * JSON, and the exported funnel chart's whole spec: points, limit curves, labels, title) byte for byte. If any value gives a different publication, that value is
 * ruled out, so the count is not ambiguous across its range. The old export footnote (pooled
 * target and phi from every centre, including ones hidden by the minimum-n rule) fails this; the
 * output path passes it.
 */
describe('no hidden count can be narrowed from any published figure (output path)', () => {
  interface Centre { code: string; x: number; n: number }

  /** A centre-level KPI extract holding the given counts (the engine's own path: analyseVariation). */
  const kpiTable = (centres: readonly Centre[]) => buildTable({
    centre_code: centres.map((c) => c.code), centre_name: centres.map((c) => `${c.code} NHS Trust`),
    period_start: centres.map(() => '2026-07-01'), period_end: centres.map(() => '2026-09-30'), kpi_id: centres.map(() => 'k'),
    numerator: centres.map((c) => c.x), denominator: centres.map((c) => c.n),
  });

  type Settings = Pick<VariationOptions, 'overdispersion' | 'limits' | 'target' | 'minN'> & { rule: SuppressionRule };

  /** Everything that leaves the app or the CLI for these counts, as one string. */
  const publish = (centres: readonly Centre[], s: Settings): string => {
    const result = analyseVariation(kpiTable(centres), { kpiId: 'k' }, s);
    const p = publishVariation(result, { suppression: s.rule });
    const chart = funnelSpec(p.chart, { width: 600, height: 400 });
    return JSON.stringify([p.rows, p.statistics, p.footnote, p.subtitle, p.hiddenGroups, publicationCsv(result, p), publicationJson(result, p), chart]);
  };

  /** The old export: league table suppressed with totals published, footnote from the full analysis (minimum n applied after). */
  const publishLegacy = (centres: readonly Centre[], s: Settings): string => {
    const result = analyseVariation(kpiTable(centres), { kpiId: 'k' }, s);
    const suppressed = suppressVariationTable(variationTableRows(result), { threshold: s.rule === '1-5' ? HES_LEGACY_THRESHOLD : NHS_DIGITAL_THRESHOLD });
    return JSON.stringify([suppressed.rows, footnoteLines(variationFootnote(result, { suppressionNote: suppressed.note }))]);
  };

  /**
   * Hidden counts the publication rules out values of: for each row with a hidden count, each
   * value across its suppressed range that no data could publish identically. A hidden n ranges
   * over min..max (with any numerator 0..n); a hidden numerator is the small count of meeting (x)
   * or not meeting (n - x), whichever lies in the range.
   */
  const narrowed = (centres: readonly Centre[], s: Settings, publisher: (c: readonly Centre[], s: Settings) => string): string[] => {
    const { min, max } = s.rule === '1-5' ? HES_LEGACY_THRESHOLD : NHS_DIGITAL_THRESHOLD;
    const truth = publisher(centres, s);
    const inRange = (v: number): boolean => v >= min && v <= max;
    const found: string[] = [];
    centres.forEach((c, i) => {
      const same = (alt: Centre): boolean => publisher(centres.map((other, j) => (j === i ? alt : other)), s) === truth;
      if (inRange(c.n)) {
        // A hidden n: every value in range must be possible with some numerator 0..n.
        for (let v = min; v <= max; v++) {
          if (v === c.n) continue;
          const possible = Array.from({ length: v + 1 }, (_, x) => x).some((x) => same({ ...c, n: v, x }));
          if (!possible) found.push(`${c.code} (x=${c.x}, n=${c.n}) is not n=${v}`);
        }
        return;
      }
      const alternatives: Centre[] = [];
      if (inRange(c.x)) for (let v = min; v <= max; v++) alternatives.push({ ...c, x: v });
      if (inRange(c.n - c.x)) for (let v = min; v <= max; v++) alternatives.push({ ...c, x: c.n - v });
      for (const alt of alternatives) {
        if (alt.x !== c.x && !same(alt)) found.push(`${c.code} (x=${c.x}, n=${c.n}) is not x=${alt.x}`);
      }
    });
    return found;
  };

  /** A random set of centres: a few tiny (n 1-7), some with a small count met or not met, most larger. */
  const randomCentres = (rnd: () => number): Centre[] => {
    const count = 4 + Math.floor(rnd() * 9);
    return Array.from({ length: count }, (_, i) => {
      const u = rnd();
      const n = u < 0.2 ? 1 + Math.floor(rnd() * 7) : u < 0.45 ? 8 + Math.floor(rnd() * 20) : 28 + Math.floor(rnd() * 300);
      const v = rnd();
      const x = v < 0.25 ? Math.min(n, 1 + Math.floor(rnd() * 7)) : v < 0.45 ? Math.max(0, n - 1 - Math.floor(rnd() * 7)) : Math.floor(n * (0.3 + 0.6 * rnd()));
      return { code: `R${String(i).padStart(2, '0')}`, x, n };
    });
  };

  const randomSettings = (rnd: () => number): Settings => ({
    rule: (['1-7', '1-5', 'round5'] as const)[Math.floor(rnd() * 3)],
    overdispersion: (['auto', 'none', 'additive', 'multiplicative'] as const)[Math.floor(rnd() * 4)],
    limits: (['exact', 'normal', 'arcsine'] as const)[Math.floor(rnd() * 3)],
    target: rnd() < 0.8 ? 'pooled' : 0.7,
    minN: [1, 5, 10][Math.floor(rnd() * 3)],
  });

  it('the old footnote gives away a centre hidden by the minimum n (the attacker can fail)', () => {
    // RCC has 3 patients, 1 meeting: too few to compare, so not in the table, but in the pooled target and phi.
    const centres: Centre[] = [{ code: 'RAA', x: 60, n: 80 }, { code: 'RBB', x: 150, n: 170 }, { code: 'RCC', x: 1, n: 3 }, { code: 'RDD', x: 90, n: 140 }];
    const settings: Settings = { rule: '1-7', overdispersion: 'auto', limits: 'exact', target: 'pooled', minN: 5 };
    const ruledOut = narrowed(centres, settings, publishLegacy);
    expect(ruledOut.length).toBeGreaterThan(0);
    // Exhaustively: of the 35 (n, x) pairs with n in 1-7, the old footnote is consistent with the truth only.
    const truth = publishLegacy(centres, settings);
    const consistent: string[] = [];
    for (let n = 1; n <= 7; n++) for (let x = 0; x <= n; x++) {
      if (publishLegacy(centres.map((c) => (c.code === 'RCC' ? { ...c, n, x } : c)), settings) === truth) consistent.push(`${x}/${n}`);
    }
    expect(consistent).toEqual(['1/3']);
    // The output path: every pair with at least one patient meeting gives the same publication (a
    // numerator of 0 is shown as 0, NHS Digital practice, so x = 0 is told apart, but not n).
    const now = publish(centres, settings);
    for (let n = 1; n <= 7; n++) for (let x = 1; x <= n; x++) {
      expect(publish(centres.map((c) => (c.code === 'RCC' ? { ...c, n, x } : c)), settings), `${x}/${n}`).toBe(now);
    }
  });

  it('the old export also narrows a suppressed count in random tables; the output path never does', () => {
    let legacyFailures = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const rnd = seeded(1000 + seed);
      const centres = randomCentres(rnd);
      const settings = randomSettings(rnd);
      expect(narrowed(centres, settings, publish), `seed ${seed}`).toEqual([]);
      if (narrowed(centres, settings, publishLegacy).length > 0) legacyFailures++;
    }
    expect(legacyFailures).toBeGreaterThan(10);
  });

  const seeds = Array.from({ length: 160 }, (_, i) => i + 1);
  it.each(seeds)('output path, seed %i: every hidden count stays ambiguous across its whole suppressed range', (seed) => {
    const rnd = seeded(seed);
    const centres = randomCentres(rnd);
    const settings = randomSettings(rnd);
    expect(narrowed(centres, settings, publish), JSON.stringify({ centres, settings })).toEqual([]);
  });
});
