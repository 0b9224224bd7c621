/**
 * The SPC chart's points as a table, the chart's text alternative: period, counts, value, mean,
 * limits, the rules that flag the point and what that means (in words, never colour alone).
 */
import type { SpcSeriesResult } from '../../../../shared/analysis/spc-series';
import { formatPercent } from '../../../../shared/charts/describe';
import { POINT_TYPE_TEXT, RULE_TEXT } from './icon-text';

/** A value as the chart shows it: a percentage for proportions, else the number rounded for reading. */
export function formatValue(value: number | null, proportion: boolean): string {
  if (value === null) return '–';
  return proportion ? formatPercent(value) : String(Math.round(value * 10) / 10);
}

export function SpcPointsTable({ spc, proportion, caption }: { spc: SpcSeriesResult; proportion: boolean; caption: string }) {
  return (
    <div className="league trends__points" role="region" aria-label="Chart points (scrollable)" tabIndex={0}>
      <table className="league__table" aria-label={caption}>
        <thead>
          <tr>
            <th scope="col">Period</th>
            <th scope="col">n</th>
            {proportion && <th scope="col">Met</th>}
            <th scope="col">{proportion ? '%' : 'Value'}</th>
            <th scope="col">{spc.chart === 'run' ? 'Median' : 'Mean'}</th>
            <th scope="col">Lower limit</th>
            <th scope="col">Upper limit</th>
            <th scope="col">Rules</th>
            <th scope="col">Reading</th>
          </tr>
        </thead>
        <tbody>
          {spc.points.map((p) => (
            <tr key={p.period} className={`trends__point trends__point--${p.pointType}`}>
              <th scope="row">{p.period}</th>
              <td className="num">{p.n}</td>
              {proportion && <td className="num">{p.numerator ?? '–'}</td>}
              <td className="num">{formatValue(p.value, proportion)}</td>
              <td className="num">{formatValue(p.mean, proportion)}</td>
              <td className="num">{formatValue(p.lpl, proportion)}</td>
              <td className="num">{formatValue(p.upl, proportion)}</td>
              <td>{p.rules.map((r) => RULE_TEXT[r]).join(', ')}</td>
              <td>{POINT_TYPE_TEXT[p.pointType]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
