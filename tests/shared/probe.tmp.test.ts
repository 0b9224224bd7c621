import { it } from 'vitest';
import { DEFAULT_SPC_CHOICES } from '../../shared/analysis/spc-choices';
import { spcSeries } from '../../shared/analysis/spc-series';
import { publishSpcReport } from '../../shared/analysis/trend-export';
it('probe', () => {
  const choices = { ...DEFAULT_SPC_CHOICES, direction: 'increase' as const, target: 0.5 };
  for (const [k, l] of [[1, 0], [1, 1], [7, 0], [7, 7], [3, 1]]) {
    const pts = Array.from({ length: 14 }, (_, i) => {
      const start = `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`;
      const n = i === 13 ? k : 40; const x = i === 13 ? l : (i >= 7 ? 26 : 20);
      return { period: start.slice(0, 7), periodStart: start, n, numerator: x, value: x / n };
    });
    const s = spcSeries('RAA', pts, choices);
    const p = publishSpcReport({ chart: 'p', options: choices, labels: [], measure: null, granularity: null, asOf: null, series: [s] });
    const q = p.series[0];
    console.log(k, l, s.variationIcon, s.points.at(-1)!.pointType, JSON.stringify(q.segments), q.points.map((x) => `${x.n}/${x.numerator}/${x.pointType}`).join(' '), q.variationIcon, q.assuranceIcon);
  }
});
