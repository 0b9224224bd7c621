/**
 * Waiting-time curves: Kaplan-Meier curves of the measure's wait (start to end event; people still
 * waiting censored at the as-of date) for the chosen group, or before / after a note with the
 * log-rank test; the median with its interval and the share seen within the standard's threshold;
 * and the wait distribution (50th, 90th, 95th percentiles) of every centre. Numbers from
 * shared/analysis/waits.ts in the dataset worker.
 */
import { useEffect, useMemo, useState } from 'react';
import type { KmConfType } from '../../../../shared/stats/kaplan-meier';
import type { WaitsResult } from '../../../../shared/analysis/waits';
import { formatInterval, formatPercent } from '../../../../shared/charts/describe';
import { thresholdFor } from '../../../../shared/analysis/measure';
import type { Standard } from '../../../../shared/standards/schema';
import type { AnnotationRecord, DatasetMeta } from '../../store/database';
import { datasetWorker } from '../../state/current-dataset';
import { VegaChart } from '../charts/VegaChart';
import { ExportBar, type ViewExport } from '../ExportBar';
import { formatUkDate } from '../../../../shared/output/words';
import { buildWaitsChart, logRankText, percentileDays, planWaitsExport, planWaitDistributionExport, sortWaitGroups, waitCurveLabel, type WaitSortKey } from './waits-export';
import { DEFAULT_LAST_PERIODS } from '../../../../shared/analysis/waits';
import type { TrendCentre } from '../../workers/trend-groups';

const CHART_WIDTH = 640;
const CHART_HEIGHT = 300;

/** The wait a measure times: its start and end fields and its threshold in days, or why it has none. */
export function measureWait(standard: Standard): { start: string; end: string; days: number; note: string | null } | { problem: string } {
  if (standard.kind === 'interval') return { start: standard.startField, end: standard.endField, days: thresholdFor(standard, 'core'), note: null };
  if (standard.kind === 'composite') {
    const first = standard.parts[0];
    const last = standard.parts[standard.parts.length - 1];
    const days = standard.parts.reduce((sum, p) => sum + p.days, 0);
    return { start: first.startField, end: last.endField, days, note: `The whole pathway of this composite measure: ${first.startField} to ${last.endField}, threshold the sum of its parts (${days} days).` };
  }
  return { problem: `"${standard.shortTitle}" is not a wait between two dates: choose an interval measure such as 4+4 part 1 for waiting-time curves.` };
}

/** Days for reading, with the interval when known. */
function daysText(value: number | null, ci?: [number | null, number | null]): string {
  if (value === null) return 'not reached';
  const v = Math.round(value * 10) / 10;
  if (!ci) return `${v}`;
  const lo = ci[0] === null ? '–' : Math.round(ci[0] * 10) / 10;
  const hi = ci[1] === null ? 'not reached' : Math.round(ci[1] * 10) / 10;
  return `${v} (${lo} to ${hi})`;
}

export function WaitsPanel({ standard, by, group, groupLabel, notes, dataset, centres: centreList = [] }: {
  standard: Standard;
  /** Centres with their names, for the distribution table and its export. */
  centres?: readonly TrendCentre[];
  by: string | null;
  group: string | null;
  groupLabel: string;
  notes: AnnotationRecord[];
  dataset: DatasetMeta;
}) {
  const wait = measureWait(standard);
  // '' one curve; 'month' / 'quarter' one curve per period of the start event; else a note's date (before / after).
  const [curves, setCurves] = useState<string>('');
  const splitBy = curves === 'month' || curves === 'quarter' ? curves : null;
  const splitAt = splitBy ? '' : curves;
  const [conf, setConf] = useState<KmConfType>('log-log');
  const [result, setResult] = useState<WaitsResult | null>(null);
  const [centres, setCentres] = useState<WaitsResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fields = 'problem' in wait ? null : wait;

  useEffect(() => {
    if (!fields) return;
    let live = true;
    setError(null);
    const groups = by === null || group === null ? undefined : [group];
    void datasetWorker().call('waits', { start: fields.start, end: fields.end, days: fields.days, by, groups, conf, ...(splitAt ? { splitAt } : {}), ...(splitBy ? { splitBy } : {}) }).then(
      (r) => { if (live) setResult(r.result); },
      (err: Error) => { if (live) { setResult(null); setError(err.message); } },
    );
    return () => { live = false; };
  }, [fields?.start, fields?.end, fields?.days, by, group, conf, splitAt, splitBy]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (!fields) return;
    let live = true;
    void datasetWorker().call('waits', { start: fields.start, end: fields.end, days: fields.days, by: 'centre_code', conf }).then(
      (r) => { if (live) setCentres(r.result); },
      () => { if (live) setCentres(null); },
    );
    return () => { live = false; };
  }, [fields?.start, fields?.end, fields?.days, conf]); // eslint-disable-line react-hooks/exhaustive-deps

  const title = `Waiting times, ${standard.shortTitle}: ${groupLabel}`;
  const subtitle = [splitBy ? `One curve per ${splitBy} of ${fields?.start ?? 'the start'}, the last ${DEFAULT_LAST_PERIODS} with people` : '', splitAt ? `Before / from ${formatUkDate(splitAt)} (${notes.find((n) => n.date === splitAt)?.text ?? 'note'})` : '', result?.logRank ? logRankText(result) ?? '' : ''].filter(Boolean).join('; ');
  const spec = useMemo(() => (result ? buildWaitsChart(result, { title, subtitle: subtitle || undefined, width: CHART_WIDTH, height: CHART_HEIGHT }) : null), [result, title, subtitle]);
  const [sort, setSort] = useState<{ key: WaitSortKey; descending: boolean }>({ key: 'group', descending: false });
  const names = useMemo(() => new Map(centreList.map((c) => [c.code, c.name])), [centreList]);
  const sortedCentres = useMemo(() => (centres ? sortWaitGroups(centres.groups, sort.key, sort.descending) : []), [centres, sort]);
  const curvesExport = useMemo((): ViewExport | null => (result ? {
    chartKind: 'waiting-curves', tableKind: 'waiting-summary', sheetName: 'Waiting times',
    measureId: `${standard.id}-${groupLabel.split(' · ')[0] || 'all'}`, asOf: result.asOf, key: [result, notes],
    publish: (rule) => {
      const plan = planWaitsExport({ result, title, notes, dataset, rule });
      return { ...plan, chart: buildWaitsChart(result, { title, subtitle: subtitle || undefined, width: CHART_WIDTH, height: CHART_HEIGHT }, plan) };
    },
  } : null), [result, notes, dataset, title, subtitle, standard.id, groupLabel]);
  const distributionExport = useMemo((): ViewExport | null => (centres ? {
    chartKind: 'wait-distribution', tableKind: 'wait-distribution', sheetName: 'Wait distribution', tableOnly: true,
    measureId: `${standard.id}-centres`, asOf: centres.asOf, key: [centres, sort],
    publish: (rule) => ({ ...planWaitDistributionExport({ result: { ...centres, groups: sortWaitGroups(centres.groups, sort.key, sort.descending) }, title: `Wait distribution by centre, ${standard.shortTitle}`, dataset, rule, names }), chart: null }),
  } : null), [centres, sort, dataset, standard.id, standard.shortTitle, names]);
  const sortHeader = (key: WaitSortKey, text: string) => {
    const active = sort.key === key;
    return (
      <th scope="col" aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
        <button type="button" className="sort-button" onClick={() => setSort({ key, descending: active ? !sort.descending : false })}>
          {text}{active ? (sort.descending ? ' ▼' : ' ▲') : ''}
        </button>
      </th>
    );
  };

  if ('problem' in wait) return <p className="muted" role="status">{wait.problem}</p>;

  return (
    <div className="trends__waits">
      <section className="panel trends__chart" aria-label="Waiting-time curves">
        <div className="trends__board-controls">
          <label>
            Curves
            <select value={curves} onChange={(e) => setCurves(e.target.value)}>
              <option value="">{groupLabel}</option>
              <option value="month">One curve per month started (last {DEFAULT_LAST_PERIODS})</option>
              <option value="quarter">One curve per quarter started (last {DEFAULT_LAST_PERIODS})</option>
              {notes.map((n) => <option key={n.id} value={n.date}>Before / after {formatUkDate(n.date)}: {n.text}</option>)}
            </select>
          </label>
          <label>
            Intervals
            <select value={conf} onChange={(e) => setConf(e.target.value as KmConfType)}>
              <option value="log-log">Log-log (default)</option>
              <option value="log">Log (survfit's default)</option>
            </select>
          </label>
        </div>
        {wait.note && <p className="muted">{wait.note}</p>}
        {error && <p className="alert" role="alert">{error}</p>}
        {result && spec && (
          <>
            <VegaChart
              spec={spec}
              label={`Waiting-time curves of ${title}`}
              description={`${result.groups.length} curve(s) of the share still waiting by days since ${result.start}. The table below gives each curve's median, share within ${result.days} days and percentiles.`}
            />
            {result.logRank && <p role="status"><strong>{logRankText(result)}</strong></p>}
            <table className="league__table" aria-label={`Waiting-time summary: ${groupLabel}`}>
              <thead>
                <tr>
                  <th scope="col">Curve</th><th scope="col">n</th><th scope="col">Seen</th><th scope="col">Still waiting</th>
                  <th scope="col">Median days (95% interval)</th><th scope="col">Within {result.days} days (95% interval)</th>
                  <th scope="col">P90 days</th><th scope="col">P95 days</th>
                </tr>
              </thead>
              <tbody>
                {result.groups.map((g) => (
                  <tr key={waitCurveLabel(g, result)}>
                    <th scope="row">{waitCurveLabel(g, result)}</th>
                    <td className="num">{g.n}</td>
                    <td className="num">{g.events}</td>
                    <td className="num">{g.censored}</td>
                    <td className="num">{daysText(g.median, g.medianCi)}</td>
                    <td className="num">
                      {formatPercent(g.withinDays)}
                      {g.withinDaysCi && g.withinDaysCi[0] !== null && g.withinDaysCi[1] !== null ? ` (${formatInterval(g.withinDaysCi[0], g.withinDaysCi[1])})` : ''}
                    </td>
                    <td className="num">{daysText(percentileDays(g, 0.9))}</td>
                    <td className="num">{daysText(percentileDays(g, 0.95))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {curvesExport && <ExportBar view={curvesExport} label="Export waiting-time curves" />}
          </>
        )}
      </section>
      <section className="panel trends__distribution" aria-labelledby="distribution-heading">
        <h3 id="distribution-heading">Wait distribution by centre ({standard.shortTitle})</h3>
        {!centres ? <p className="muted">Computing…</p> : (
          <div className="league" role="region" aria-label="Wait distribution (scrollable)" tabIndex={0}>
            <table className="league__table" aria-label="Wait distribution by centre">
              <thead>
                <tr>
                  {sortHeader('group', 'Centre')}{sortHeader('n', 'n')}{sortHeader('p50', 'P50 days')}{sortHeader('p90', 'P90 days')}
                  {sortHeader('p95', 'P95 days')}{sortHeader('withinDays', `Within ${centres.days} days`)}
                </tr>
              </thead>
              <tbody>
                {sortedCentres.map((g) => (
                  <tr key={g.group} className={g.group === group ? 'is-selected' : ''}>
                    <th scope="row">{names.get(g.group) ? `${g.group} · ${names.get(g.group)}` : g.group}</th>
                    <td className="num">{g.n}</td>
                    <td className="num">{daysText(percentileDays(g, 0.5))}</td>
                    <td className="num">{daysText(percentileDays(g, 0.9))}</td>
                    <td className="num">{daysText(percentileDays(g, 0.95))}</td>
                    <td className="num">{formatPercent(g.withinDays)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {distributionExport && <ExportBar view={distributionExport} label="Export the wait distribution" />}
      </section>
    </div>
  );
}
