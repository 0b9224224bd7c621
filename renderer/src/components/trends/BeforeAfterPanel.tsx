/**
 * Before / after a note's date: the proportion met before and from the date on, each with its
 * Wilson 95% interval, and the change with its Newcombe interval (shared/analysis/before-after).
 */
import { useEffect, useState } from 'react';
import type { BeforeAfter } from '../../../../shared/analysis/before-after';
import type { TrendGranularity } from '../../../../shared/analysis/trends';
import type { MeasureSpec } from '../../../../shared/analysis/variation';
import { formatInterval, formatPercent } from '../../../../shared/charts/describe';
import { datasetWorker } from '../../state/current-dataset';
import type { AnnotationRecord, DatasetMeta } from '../../store/database';
import { formatUkDate } from '../../../../shared/output/words';
import { ExportBar } from '../ExportBar';
import { planBeforeAfterExport } from './table-exports';

/** A change in percentage points, signed. */
function points(difference: number): string {
  const pp = Math.round(difference * 1000) / 10;
  return `${pp > 0 ? '+' : pp < 0 ? '−' : ''}${Math.abs(pp).toFixed(1)} points`;
}

export function BeforeAfterPanel({ spec, by, group, groupLabel, granularity, date, note, notes, dataset }: {
  notes: readonly AnnotationRecord[];
  dataset: DatasetMeta;
  spec: MeasureSpec;
  by: string | null;
  group: string | null;
  groupLabel: string;
  granularity: TrendGranularity;
  date: string;
  note: string;
}) {
  const [result, setResult] = useState<BeforeAfter | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setError(null);
    void datasetWorker().call('beforeAfter', { spec, by, group, granularity, date }).then(
      (r) => { if (live) setResult(r); },
      (err: Error) => { if (live) { setResult(null); setError(err.message); } },
    );
    return () => { live = false; };
  }, [spec, by, group, granularity, date]);

  return (
    <section className="panel trends__before-after" aria-labelledby="before-after-heading">
      <h3 id="before-after-heading">Before / after {formatUkDate(date)}{note ? ` (${note})` : ''}</h3>
      {error && <p className="alert" role="alert">{error}</p>}
      {result && (
        <>
          <table className="league__table" aria-label={`Before and after ${formatUkDate(date)}, ${groupLabel}`}>
            <thead>
              <tr><th scope="col"><span className="visually-hidden">Side</span></th><th scope="col">Periods</th><th scope="col">Met</th><th scope="col">n</th><th scope="col">%</th><th scope="col">95% interval</th></tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Before</th>
                <td>{result.before.from} to {result.before.to}</td>
                <td className="num">{result.before.numerator}</td>
                <td className="num">{result.before.n}</td>
                <td className="num">{formatPercent(result.before.proportion)}</td>
                <td>{formatInterval(result.before.ci95[0], result.before.ci95[1])}</td>
              </tr>
              <tr>
                <th scope="row">After</th>
                <td>{result.after.from} to {result.after.to}</td>
                <td className="num">{result.after.numerator}</td>
                <td className="num">{result.after.n}</td>
                <td className="num">{formatPercent(result.after.proportion)}</td>
                <td>{formatInterval(result.after.ci95[0], result.after.ci95[1])}</td>
              </tr>
              <tr>
                <th scope="row">Change</th>
                <td colSpan={3} />
                <td className="num">{points(result.difference)}</td>
                <td>{points(result.differenceCi95[0])} to {points(result.differenceCi95[1])}</td>
              </tr>
            </tbody>
          </table>
          <p className="muted">{result.method}</p>
          <ExportBar
            label="Export the before / after table"
            view={{
              chartKind: 'before-after', tableKind: 'before-after', sheetName: 'Before and after', tableOnly: true,
              measureId: `${'id' in spec ? spec.id : 'measure'}-${groupLabel.split(' · ')[0] || 'all'}`, asOf: date,
              key: [result, date, groupLabel],
              publish: (rule) => ({ ...planBeforeAfterExport({ result, title: `Before / after ${formatUkDate(date)}: ${groupLabel}`, notes, dataset, rule }), chart: null }),
            }}
          />
        </>
      )}
    </section>
  );
}
