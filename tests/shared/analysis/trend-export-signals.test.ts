// The attacker's pass over an SPC chart's signals (shared/analysis/trend-export.ts withholdSignals):
// where a segment's centre line is hidden, its rule flags, point types and icons must not say
// which side of it the points lie. The attack: publish the same chart for two values of the hidden
// count across its suppressed range (1 and 7) and compare everything published — the JSON, the CSV
// rows, the footnote and the exported Vega-Lite chart. Byte for byte the same, or the flags leak.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SPC_CHOICES, type SpcChoices } from '../../../shared/analysis/spc-choices';
import type { SpcReport } from '../../../shared/analysis/spc-report';
import { spcSeries, type SpcSeriesResult } from '../../../shared/analysis/spc-series';
import { publishSpcReport, spcChartSeries, spcExportFootnote, spcTableRows, type PublishedSpcReport } from '../../../shared/analysis/trend-export';
import type { TrendPoint } from '../../../shared/analysis/trends';
import { spcSpec } from '../../../shared/charts/spc-spec';
import { signalsWithheldText, SIGNALS_WITHHELD_LISTED, SUPPRESSED_ICON, SUPPRESSED_ICON_LABEL } from '../../../shared/output/words';

/** Counts NHS Digital's rule hides: the hidden count is published the same anywhere in 1-7. */
const HIDDEN_COUNTS = [1, 7] as const;

const measure = {
  id: 'm', title: 'Referral to first appointment', shortTitle: 'Referral to seen', kind: 'interval' as const,
  provenance: 'confirmed' as const, direction: 'higher-is-better' as const, thresholdDays: 28, tier: null,
};

/** Month i from January 2023 as a trend point. */
function point(i: number, n: number, numerator: number | null, value: number): TrendPoint {
  const year = 2023 + Math.floor(i / 12);
  const month = String((i % 12) + 1).padStart(2, '0');
  return { period: `${year}-${month}`, periodStart: `${year}-${month}-01`, n, numerator, value };
}

function report(points: TrendPoint[], choices: SpcChoices): SpcReport {
  return { chart: choices.chart, options: choices, labels: [], measure, granularity: 'month', asOf: null, series: [spcSeries('RAA', points, choices)] };
}

/**
 * The exported chart: the published points (shared/analysis/trend-export.ts spcChartSeries, what the
 * app's SPC export is to draw) through the chart spec the app uses (shared/charts/spc-spec.ts).
 */
function exportedChart(raw: SpcSeriesResult, published: PublishedSpcReport): string {
  const drawn = spcChartSeries(raw, published.series[0]);
  return JSON.stringify(spcSpec(drawn, { width: 600, height: 300, title: 'RAA', subtitle: '', annotations: [], target: raw.chart === 'run' ? null : 30, proportion: false, yTitle: 'Days' }));
}

/** Everything a publication of the chart prints. */
function everything(r: SpcReport): { json: string; csv: string; footnote: string; chart: string; published: PublishedSpcReport } {
  const published = publishSpcReport(r);
  return {
    json: JSON.stringify(published),
    csv: JSON.stringify(spcTableRows(published)),
    footnote: JSON.stringify(spcExportFootnote(published, { suppression: published.suppression })),
    chart: exportedChart(r.series[0], published),
    published,
  };
}

/** Median waits (XmR, decrease is better, target 30 days): 13 clean months, then a rebased segment whose last month has `n` people with median `median`. */
function medianWaits(n: number, median: number): SpcReport {
  const first = [41, 39, 44, 40, 38, 42, 43, 39, 40, 41, 37, 42, 40];
  const second = [30, 32, 29, 31, 30, 33, 28, 31, 30, 29, 32, 30, 31];
  const points = [...first, ...second].map((w, i) => point(i, 40, null, w));
  points.push(point(26, n, null, median));
  return report(points, { ...DEFAULT_SPC_CHOICES, chart: 'xmr', direction: 'decrease', target: 30, rebase: ['2024-02-01'] });
}

/** Proportions seen within 28 days, 11 months (a run chart): a rebase after 4 months, 6 rising months, then a month with k of 10. */
function smallMonth(k: number): SpcReport {
  const x = [20, 22, 21, 23, 9, 10, 11, 12, 24, 25, 0];
  const n = x.map(() => 40);
  const at = 10;
  const points = x.map((xi, i) => (i === at ? point(i, 10, k, k / 10) : point(i, n[i], xi, xi / n[i])));
  return report(points, { ...DEFAULT_SPC_CHOICES, chart: 'p', direction: 'increase', target: 0.5, rebase: ['2023-05-01'] });
}

const SCENARIOS = [
  ['median waits: the latest month of 1-7 people hides its segment\'s centre line', (k: number) => medianWaits(k, k === 1 ? 5 : 60)],
  ['proportions on a run chart: a month of k of 10 hides its segment\'s median', smallMonth],
] as const;

describe.each(SCENARIOS)('%s', (_, build) => {
  const [low, high] = HIDDEN_COUNTS.map((k) => build(k));

  it('the engine\'s flags do depend on the hidden count (the attack has something to find)', () => {
    const flags = (r: SpcReport) => JSON.stringify([r.series[0].points.map((p) => [p.rules, p.pointType]), r.series[0].variationIcon, r.series[0].assuranceIcon]);
    expect(flags(low)).not.toBe(flags(high));
  });

  it('publishes a hidden centre line', () => {
    const segments = everything(low).published.series[0].segments;
    expect(segments.map((s) => s.mean)).toEqual([expect.any(Number), '*']);
    expect(segments[1].flat).toBe('*');
    // The exported chart draws the first segment (its centre line shown) and leaves the second off.
    const drawn = spcChartSeries(low.series[0], everything(low).published.series[0]);
    expect(drawn.points.map((p) => p.period)).toEqual(low.series[0].points.filter((p) => p.segment === 0).map((p) => p.period));
  });

  it('JSON, CSV rows, footnote and the exported Vega-Lite chart are byte-identical for hidden counts 1 and 7', () => {
    const a = everything(low);
    const b = everything(high);
    expect(a.json).toBe(b.json);
    expect(a.csv).toBe(b.csv);
    expect(a.footnote).toBe(b.footnote);
    expect(a.chart).toBe(b.chart);
  });

  it('withholds the segment\'s signals and says so; the segment with a shown centre line keeps the engine\'s', () => {
    const { published } = everything(low);
    const series = published.series[0];
    const raw = low.series[0];
    for (const [i, p] of series.points.entries()) {
      if (p.segment === 0) {
        expect([p.rules, p.pointType]).toEqual([raw.points[i].rules, raw.points[i].pointType]);
      } else {
        expect(p.pointType).toBe('*');
        // Only trends among shown values survive; a hidden value's rules are hidden with it.
        if (typeof p.value === 'string') expect(p.rules).toBe('*');
        else expect((p.rules as string[]).every((r) => r === 'trend')).toBe(true);
      }
    }
    expect(series.variationIcon).toBe(SUPPRESSED_ICON);
    const second = series.segments[1];
    expect(published.suppression).toContain(`Signals are withheld for RAA ${second.from} to ${second.to}:`);
    expect(published.suppression).toContain(SUPPRESSED_ICON_LABEL);
    const rows = spcTableRows(published);
    expect(rows[rows.length - 1]['Variation icon']).toBe(SUPPRESSED_ICON);
  });
});

describe('trends where the centre line is hidden', () => {
  const choices: SpcChoices = { ...DEFAULT_SPC_CHOICES, chart: 'xmr', direction: 'decrease', target: null };
  // Median waits, 14 months: 7 rising waits shown, then a month of 3 people, then a rise through it.
  const waits = [20, 21, 22, 23, 24, 25, 26, 18, 17, 16, 15, 14, 13, 12];
  const at = 8;
  const r = report(waits.map((w, i) => point(i, i === at ? 3 : 40, null, w)), choices);

  it('keeps a run of 7 rises among shown values, drops a run that passes through a hidden value', () => {
    const raw = r.series[0].points;
    // The engine flags both runs: 7 rises (months 1-7) and 7 falls (months 8-14, through the hidden month 9).
    expect(raw.map((p) => p.rules.includes('trend'))).toEqual(waits.map(() => true));
    const published = publishSpcReport(r).series[0];
    expect(published.segments[0].mean).toBe('*');
    expect(published.points.map((p) => p.rules)).toEqual([
      ...Array(7).fill(['trend']), [], '*', [], [], [], [], [],
    ]);
    // No target: the assurance icon is null whatever the limits, so nothing is withheld there.
    expect(published.assuranceIcon).toBeNull();
  });

  it('without suppression every flag and icon is the engine\'s', () => {
    const open = publishSpcReport(r, { suppress: false }).series[0];
    expect(open.points.map((p) => p.rules)).toEqual(r.series[0].points.map((p) => p.rules));
    expect(open.variationIcon).toBe(r.series[0].variationIcon);
  });
});

describe('a shown centre line with hidden values: the signals of the shown values are read from them alone', () => {
  // p-chart, 16 months of 40 people, but months 6 and 14 have 10 people and k of them seen in time
  // (hidden). Swapping the two hidden counts (3 and 7) keeps every total, so the published centre line,
  // limits, values and n are the same; only where each hidden value lies changes.
  const choices: SpcChoices = { ...DEFAULT_SPC_CHOICES, chart: 'p', direction: 'increase', target: 0.5 };
  const shown = [23, 23, 23, 23, 23, null, 23, 23, 23, 23, 23, 23, 12, null, 12, 12];
  const build = (first: number, second: number): SpcReport => {
    const hidden = [first, second];
    let h = 0;
    return report(shown.map((x, i) => (x === null ? ((k) => point(i, 10, k, k / 10))(hidden[h++]) : point(i, 40, x, x / 40))), choices);
  };
  const [a, b] = [build(7, 3), build(3, 7)];

  it('the engine\'s shifts and 2 of 3 run through the hidden months, so they differ between the two', () => {
    const rules = (r: SpcReport) => r.series[0].points.map((p) => p.rules.join(' '));
    expect(rules(a)).not.toEqual(rules(b));
    expect(rules(a).slice(0, 12).every((r) => r.includes('shift'))).toBe(true);
  });

  it('publishes the same bytes for both (JSON, CSV, footnote and the exported chart), with the centre line shown', () => {
    const [x, y] = [everything(a), everything(b)];
    expect(typeof x.published.series[0].segments[0].mean).toBe('number');
    expect(x.json).toBe(y.json);
    expect(x.csv).toBe(y.csv);
    expect(x.footnote).toBe(y.footnote);
    expect(x.chart).toBe(y.chart);
  });

  it('under round5 (1-7 hidden, other counts rounded to 5) the two publish the same bytes too', () => {
    const json = (r: SpcReport) => JSON.stringify(publishSpcReport(r, { rule: 'round5' }));
    expect(json(a)).toBe(json(b));
    expect(json(a)).toMatch(/rounded to the nearest 5/);
  });

  it('keeps what the shown values give alone: rules and point types of each stretch; the icon is suppressed', () => {
    const series = publishSpcReport(a).series[0];
    // No run of 7 on one side among shown values, no 2 of 3 inside a stretch, nothing outside the limits.
    expect(series.points.map((p) => p.rules)).toEqual(shown.map((x) => (x === null ? '*' : [])));
    expect(series.points.map((p) => p.pointType)).toEqual(shown.map((x) => (x === null ? '*' : 'common_cause')));
    expect(series.variationIcon).toBe(SUPPRESSED_ICON);
    // The limits are shown, so the assurance icon is the engine's.
    expect(series.assuranceIcon).toBe(a.series[0].assuranceIcon);
    expect(publishSpcReport(a).suppression).not.toMatch(/Signals are withheld for/);
  });

  it('the exported chart draws published points only: drawing the engine\'s flags of the shown months would tell the two apart', () => {
    const chartOf = (r: SpcReport) => spcChartSeries(r.series[0], publishSpcReport(r).series[0]);
    const drawn = chartOf(a);
    expect(drawn.points.map((p) => p.period)).toEqual(a.series[0].points.filter((_, i) => shown[i] !== null).map((p) => p.period));
    expect(JSON.stringify(drawn.points)).not.toContain('"*"');
    expect(JSON.stringify(drawn.points)).toBe(JSON.stringify(chartOf(b).points));
    // The engine's points without the hidden months (what renderer/src/components/trends/SpcPanel.tsx drew before spcChartSeries) differ.
    const engineDrawn = (r: SpcReport) => JSON.stringify(r.series[0].points.filter((_, i) => shown[i] !== null));
    expect(engineDrawn(a)).not.toBe(engineDrawn(b));
  });

  it('a shift of 7 among shown values is still flagged beside a hidden month', () => {
    const longer = [23, 23, 23, 23, 23, 23, 23, null, 23, 23, 23, 12, 12, 12, 12, null];
    let h = 0;
    const r = report(longer.map((x, i) => (x === null ? ((k) => point(i, 10, k, k / 10))([3, 7][h++]) : point(i, 40, x, x / 40))), choices);
    const series = publishSpcReport(r).series[0];
    expect(typeof series.segments[0].mean).toBe('number');
    expect(series.points.slice(0, 7).map((p) => p.rules)).toEqual(Array(7).fill(['shift']));
    expect(series.points.slice(0, 7).every((p) => p.pointType === 'special_cause_improvement')).toBe(true);
  });
});

describe('the note about withheld signals', () => {
  it('names up to a handful of segments, then counts them', () => {
    const names = Array.from({ length: SIGNALS_WITHHELD_LISTED + 1 }, (_, i) => `R0${i} 2024-01 to 2024-12`);
    expect(signalsWithheldText(names.slice(0, 2))).toMatch(/^Signals are withheld for R00 2024-01 to 2024-12; R01 2024-01 to 2024-12: with the centre line hidden, /);
    expect(signalsWithheldText(names)).toMatch(new RegExp(`^Signals are withheld for ${names.length} segments \\(those whose centre line is shown as \\*\\): `));
  });
});

describe('a small month where everyone met the standard', () => {
  // p-chart of 16 months of 40 people, two of them small: 1 of 1 and 3 of 7, or 1 of 2 and 3 of 6 (totals 4 of 8 either way).
  // In the first, one month's "not met" is 0: suppression shows zeros, so unless it is hidden like the
  // month's other counts, the further counts hidden to protect the other month would differ, and say so.
  const choices: SpcChoices = { ...DEFAULT_SPC_CHOICES, chart: 'p', direction: 'increase', target: 0.5 };
  const build = (small: [number, number][]): SpcReport => {
    let h = 0;
    return report(Array.from({ length: 16 }, (_, i) => {
      if (i !== 4 && i !== 11) return point(i, 40, i < 8 ? 14 : 30, (i < 8 ? 14 : 30) / 40);
      const [x, n] = small[h++];
      return point(i, n, x, x / n);
    }), choices);
  };

  it('publishes the same bytes as a split where someone in each small month did not', () => {
    const [a, b] = [everything(build([[1, 1], [3, 7]])), everything(build([[1, 2], [3, 6]]))];
    expect(a.json).toBe(b.json);
    expect(a.csv).toBe(b.csv);
    expect(a.chart).toBe(b.chart);
  });
});
