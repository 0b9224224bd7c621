// The attacker's pass over the Trends board export (shared/analysis/trend-export.ts boardTableRows):
// each cell is its chart's latest point as the chart's own SPC export publishes it (publishSpcReport),
// so a latest month with a hidden count is '*', and its point type and icons, read from it, are
// withheld. The attack: build the board for every value the hidden count can take and compare the
// published rows and note byte for byte.
import { describe, expect, it } from 'vitest';
import { boardCell, computeBoard, type BoardResult } from '../../../shared/analysis/board';
import { adHocInterval } from '../../../shared/analysis/measure';
import { DEFAULT_SPC_CHOICES, type SpcChoices } from '../../../shared/analysis/spc-choices';
import { spcSeries } from '../../../shared/analysis/spc-series';
import { boardTableRows, publishSpcReport, type PublishOptions } from '../../../shared/analysis/trend-export';
import type { TrendPoint } from '../../../shared/analysis/trends';
import { SUPPRESSED_ICON, SUPPRESSED_ICON_LABEL } from '../../../shared/output/words';
import { LATEST_MONTH_VARIANTS as VARIANTS, monthStart, twoCentreExtract as extract } from '../../helpers/hidden-months';

const AS_OF = '2024-06-30';
const within28 = adHocInterval('referral_date', 'first_seen_date', 28);
const within14 = adHocInterval('referral_date', 'first_seen_date', 14);

function board(people: number, met: number): BoardResult {
  return computeBoard(extract(people, met), [within28, within14], { asOf: AS_OF });
}

/** Everything the board export publishes under a rule. */
function published(b: BoardResult, options: PublishOptions = {}): string {
  return JSON.stringify(boardTableRows(b, options));
}

describe('a latest month of 1-7 people on the board', () => {
  const boards = VARIANTS.map(([k, x]) => board(k, x));

  it('the engine\'s cells do depend on it (the attack has something to find)', () => {
    const readings = new Set(boards.map((b) => JSON.stringify(b.cells.filter((c) => c.group === 'RAA').map((c) => [c.value, c.n, c.pointType, c.variationIcon, c.assuranceIcon]))));
    expect(readings.size).toBe(boards.length);
    // All seen in time continues the shift (special cause); one of seven does not.
    const raa = (b: BoardResult) => b.cells.find((c) => c.group === 'RAA' && c.measureId === within28.id);
    expect(raa(board(7, 7))?.variationIcon).not.toBe(raa(board(7, 1))?.variationIcon);
  });

  // Each rule's hidden range: 1-5 publishes 6 and 7.
  for (const [rule, max] of [['1-7', 7], ['1-5', 5], ['round5', 7]] as const) {
    it(`publishes byte-identical rows and note for every count of 1-${max} people (rule ${rule})`, () => {
      const first = published(boards[0], { rule });
      for (const [i, b] of boards.entries()) {
        if (VARIANTS[i][0] <= max) expect(published(b, { rule }), `variant ${VARIANTS[i].join(' of ')}`).toBe(first);
      }
    });
  }

  it('shows the latest month suppressed, its point type hidden and the icons read from it withheld', () => {
    const { rows, suppression } = boardTableRows(boards[0]);
    const raa = rows.filter((r) => r.Group === 'RAA');
    expect(raa).toHaveLength(2);
    for (const r of raa) {
      expect([r.Period, r.n, r.Numerator, r.Value, r['Point type']]).toEqual(['2024-02', '*', '*', '*', '*']);
      expect(r['Variation icon']).toBe(SUPPRESSED_ICON);
    }
    // RBB has nothing hidden: its cells are the engine's.
    const rbb = rows.filter((r) => r.Group === 'RBB');
    const engine = boards[0].cells.filter((c) => c.group === 'RBB');
    expect(rbb.map((r) => [r.n, r.Numerator, r.Value, r['Point type'], r['Variation icon'], r['Assurance icon']]))
      .toEqual(engine.map((c) => [c.n, c.numerator, c.value, c.pointType, c.variationIcon, c.assuranceIcon]));
    expect(suppression).toContain('latest point of its centre\'s chart');
    expect(suppression).toContain(SUPPRESSED_ICON_LABEL);
  });

  it('every row is the latest point of publishSpcReport\'s publication of the cell\'s chart, under every rule', () => {
    for (const rule of ['1-7', '1-5', 'round5', 'none'] as const) {
      for (const b of [boards[0], boards[boards.length - 1]]) {
        const { rows } = boardTableRows(b, { rule });
        b.cells.forEach((c, i) => {
          const measure = b.measures.find((m) => m.id === c.measureId);
          if (!c.spc || !measure) throw new Error('no chart');
          const s = publishSpcReport({ chart: 'p', options: measure.choices, labels: [], measure: null, granularity: null, asOf: null, series: [c.spc] }, { rule }).series[0];
          const last = s.points[s.points.length - 1];
          expect([rows[i].n, rows[i].Numerator, rows[i].Value, rows[i]['Point type'], rows[i]['Variation icon'], rows[i]['Assurance icon']], `${rule} ${c.group}`)
            .toEqual([last.n, last.numerator, last.value, last.pointType, s.variationIcon, s.assuranceIcon]);
        });
      }
    }
  });

  it('without suppression (the user\'s explicit choice) the rows are the engine\'s cells', () => {
    const b = boards[boards.length - 1];
    const { rows, suppression } = boardTableRows(b, { rule: 'none' });
    expect(suppression).toBeNull();
    expect(rows.map((r) => [r.n, r.Numerator, r.Value, r['Point type'], r['Variation icon']])).toEqual(b.cells.map((c) => [c.n, c.numerator, c.value, c.pointType, c.variationIcon]));
  });
});

describe('two hidden months of one chart swapping their counts (totals kept, so the centre line is shown)', () => {
  // A p-chart of 16 months of 40 people, but for months 6 and the latest: 10 people, a and 8 - a of
  // them seen in time (a = 1..7). Every total, so the published centre line and limits, is the same.
  const choices: SpcChoices = { ...DEFAULT_SPC_CHOICES, chart: 'p', direction: 'increase', target: 0.5 };
  const shown = [23, 23, 23, 23, 23, null, 23, 23, 23, 23, 12, 12, 12, 12, 12, null];
  const make = (a: number): BoardResult => {
    const hidden = [a, 8 - a];
    let h = 0;
    const points: TrendPoint[] = shown.map((x, i) => {
      const start = monthStart(i);
      const [n, k] = x === null ? [10, hidden[h++]] : [40, x];
      return { period: start.slice(0, 7), periodStart: start, n, numerator: k, value: k / n };
    });
    return {
      measures: [{ id: 'm', title: 'Seen within 28 days', shortTitle: 'Seen in 28d', direction: 'higher-is-better', provenance: 'confirmed', target: 0.5, choices }],
      groups: ['RAA'],
      cells: [boardCell('m', spcSeries('RAA', points, choices))],
      skipped: [],
      asOf: null,
    };
  };
  const boards = [1, 2, 3, 4, 5, 6, 7].map(make);

  it('the engine\'s latest reading differs between them', () => {
    expect(new Set(boards.map((b) => JSON.stringify([b.cells[0].value, b.cells[0].pointType, b.cells[0].variationIcon]))).size).toBeGreaterThan(1);
  });

  for (const rule of ['1-7', 'round5'] as const) {
    it(`publishes the same bytes for every split (rule ${rule})`, () => {
      const first = published(boards[0], { rule });
      for (const b of boards) expect(published(b, { rule })).toBe(first);
      const row = boardTableRows(boards[0], { rule }).rows[0];
      expect([row.Numerator, row.Value, row['Point type'], row['Variation icon']]).toEqual(['*', '*', '*', SUPPRESSED_ICON]);
      expect(row.n).toBe(10);
    });
  }
});
