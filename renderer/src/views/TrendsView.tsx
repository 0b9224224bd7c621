/**
 * Trends: change over time for improvement projects. An SPC chart of a measure for one centre,
 * region or the nation (Making Data Count rules and icons), dated notes of changes with "rebase
 * here" and a before / after comparison, a board of every centre and measure, and waiting-time
 * curves. Every number comes from shared/ functions run in the dataset worker.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Standard } from '../../../shared/standards/schema';
import { toStandard } from '../../../shared/analysis/variation';
import type { SpcChoices } from '../../../shared/analysis/spc-choices';
import { SPC_CHART_TYPES } from '../../../shared/analysis/spc-choices';
import { datasetWorker, useCurrentDataset } from '../state/current-dataset';
import { useCatalogue } from '../state/standards';
import { useAnnotations } from '../store/annotations';
import type { TrendGroups } from '../workers/trend-groups';
import type { TrendResult } from '../workers/trends-api';
import type { DatasetFacets } from '../workers/dataset-api';
import { GroupPicker, type PickerOption } from '../components/trends/GroupPicker';
import { RuleControls } from '../components/trends/RuleControls';
import { NotesPanel } from '../components/trends/NotesPanel';
import { SpcPanel } from '../components/trends/SpcPanel';
import { BoardPanel } from '../components/trends/BoardPanel';
import { BeforeAfterPanel } from '../components/trends/BeforeAfterPanel';
import { WaitsPanel } from '../components/trends/WaitsPanel';
import {
  CHART_OPTION_LABELS, DEFAULT_TREND_SETTINGS, STATISTIC_LABELS, withRebase, type TrendLevel, type TrendSettings,
} from '../components/trends/settings';
import '../components/trends/trends.css';

type TrendsTab = 'chart' | 'board' | 'waits';
const TABS: { id: TrendsTab; label: string }[] = [
  { id: 'chart', label: 'SPC chart' },
  { id: 'board', label: 'Board (all centres)' },
  { id: 'waits', label: 'Waiting times' },
];

const LEVEL_LABELS: Record<TrendLevel, string> = { centre_code: 'A centre', region: 'A region', nation: 'The nation (all centres)' };

/** Measures with a start event (interval, composite) or KPIs: frequency and status measures have no trend. */
function trendable(s: Standard): boolean {
  return s.kind === 'interval' || s.kind === 'composite' || s.kind === 'kpi';
}

export function TrendsView({ onShowData }: { onShowData: () => void }) {
  const current = useCurrentDataset();
  const { standards } = useCatalogue();
  const [settings, setSettings] = useState<TrendSettings>(DEFAULT_TREND_SETTINGS);
  const [tab, setTab] = useState<TrendsTab>('chart');
  const [groups, setGroups] = useState<TrendGroups | null>(null);
  const [facets, setFacets] = useState<DatasetFacets | null>(null);
  const [trend, setTrend] = useState<TrendResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [compareAt, setCompareAt] = useState<string | null>(null);

  useEffect(() => {
    if (!current) return;
    let live = true;
    setGroups(null);
    setFacets(null);
    void datasetWorker().call('trendGroups', {}).then((g) => { if (live) setGroups(g); });
    void datasetWorker().call('facets', {}).then((f) => { if (live) setFacets(f); });
    return () => { live = false; };
  }, [current]);

  const usable = useMemo<Standard[]>(() => (current?.meta.extractType === 'kpi'
    ? [...standards.filter((s) => s.kind === 'kpi'), ...(facets?.kpiIds ?? []).filter((id) => !standards.some((s) => s.kind === 'kpi' && s.kpiId === id)).map((id) => toStandard({ kpiId: id }))]
    : standards.filter((s) => s.kind !== 'kpi' && trendable(s))), [standards, current, facets]);
  const standard: Standard | undefined = usable.find((s) => s.id === settings.measureId) ?? usable[0];

  const by = settings.level === 'nation' ? null : settings.level;
  const options: PickerOption[] = useMemo(() => {
    if (!groups) return [];
    if (settings.level === 'region') return groups.regions.map((r) => ({ value: r, label: r }));
    return groups.centres.map((c) => ({ value: c.code, label: c.name ? `${c.code} · ${c.name}` : c.code }));
  }, [groups, settings.level]);
  // A centre or region must be chosen; start on the first so the page is never empty.
  const group = settings.level === 'nation' ? null : (options.find((o) => o.value === settings.group)?.value ?? options[0]?.value ?? null);
  const groupLabel = settings.level === 'nation' ? 'All centres' : (options.find((o) => o.value === group)?.label ?? '');
  const noteGroup = group ?? '';
  const noteBy = by ?? '';

  const proportionChart = settings.chart === 'p' || settings.chart === 'pprime';
  const statistic = proportionChart ? 'proportion' : settings.statistic;
  const choices = useMemo<Partial<SpcChoices>>(() => {
    const c: { -readonly [K in keyof SpcChoices]?: SpcChoices[K] } = {
      chart: settings.chart,
      baseline: settings.baseline,
      rebase: settings.rebase,
      screen: settings.screen,
      twoOfThree: settings.twoOfThree,
      trendTies: settings.trendTies,
      runLength: settings.runLength,
    };
    if (settings.targetPercent !== null && statistic === 'proportion') c.target = settings.targetPercent / 100;
    return c;
  }, [settings, statistic]);

  useEffect(() => {
    if (!current || !standard || (by !== null && group === null)) return;
    let live = true;
    setError(null);
    void datasetWorker().call('trend', { spec: standard, by, group, granularity: settings.period, statistic, choices }).then(
      (r) => { if (live) setTrend(r); },
      (err: Error) => { if (live) { setTrend(null); setError(err.message); } },
    );
    return () => { live = false; };
  }, [current, standard, by, group, settings.period, statistic, choices]);

  const notes = useAnnotations(standard?.id ?? null, current ? noteGroup : null, noteBy);

  if (!current) {
    return (
      <div className="welcome">
        <h2>No dataset open</h2>
        <p>Open an extract, or the synthetic sample, in the Data view first.</p>
        <button type="button" className="primary" onClick={onShowData}>Go to Data</button>
      </div>
    );
  }

  const set = (patch: Partial<TrendSettings>) => setSettings((s) => ({ ...s, ...patch }));

  return (
    <div className="trends">
      <h2 className="visually-hidden">Trends</h2>
      <form className="panel trends__controls" aria-label="Trend settings" onSubmit={(e) => e.preventDefault()}>
        <label>
          Measure
          <select value={standard?.id ?? ''} onChange={(e) => set({ measureId: e.target.value, rebase: [] })}>
            {usable.map((s) => <option key={s.id} value={s.id}>{s.shortTitle}{s.provenance === 'provisional' ? ' (provisional)' : ''}</option>)}
          </select>
        </label>
        <label>
          Show
          <select value={settings.level} onChange={(e) => set({ level: e.target.value as TrendLevel, group: null, rebase: [] })}>
            {(Object.keys(LEVEL_LABELS) as TrendLevel[]).map((l) => <option key={l} value={l}>{LEVEL_LABELS[l]}</option>)}
          </select>
        </label>
        {settings.level !== 'nation' && (
          <GroupPicker
            label={settings.level === 'region' ? 'Region' : 'Centre (code or name)'}
            options={options}
            value={group}
            onChange={(v) => { set({ group: v, rebase: [] }); setCompareAt(null); }}
          />
        )}
        {tab !== 'waits' && (
          <>
        <label>
              Period
              <select value={settings.period} onChange={(e) => set({ period: e.target.value as TrendSettings['period'], rebase: settings.rebase })}>
                <option value="month">Month</option>
                <option value="quarter">Quarter</option>
              </select>
            </label>
            <label>
              Chart
              <select value={settings.chart} onChange={(e) => set({ chart: e.target.value as TrendSettings['chart'] })}>
                {SPC_CHART_TYPES.map((c) => <option key={c} value={c}>{CHART_OPTION_LABELS[c]}</option>)}
              </select>
            </label>
            {!proportionChart && (
              <label>
                Plot
                <select value={settings.statistic} onChange={(e) => set({ statistic: e.target.value as TrendSettings['statistic'] })}>
                  {(Object.keys(STATISTIC_LABELS) as TrendSettings['statistic'][])
                    .filter((s) => s !== 'medianWait' || current.meta.extractType !== 'kpi')
                    .map((s) => <option key={s} value={s}>{STATISTIC_LABELS[s]}</option>)}
                </select>
              </label>
            )}
            {statistic === 'proportion' && (
              <label>
                Target %
                <input
                  type="number"
                  min={0}
                  max={100}
                  step={1}
                  placeholder={trend?.report.options.target != null ? String(Math.round(trend.report.options.target * 100)) : ''}
                  value={settings.targetPercent ?? ''}
                  onChange={(e) => set({ targetPercent: e.target.value === '' ? null : Math.min(100, Math.max(0, Number(e.target.value))) })}
                />
              </label>
            )}
            <RuleControls settings={settings} onChange={set} showScreen={settings.chart === 'xmr'} />
          </>
        )}
      </form>

      <div role="tablist" aria-label="Trends view" className="trends__tabs">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" id={`trends-tab-${t.id}`} aria-selected={tab === t.id} aria-controls={`trends-panel-${t.id}`} onClick={() => setTab(t.id)}>
            {t.label}
          </button>
        ))}
      </div>

      {error && <p className="alert" role="alert">{error}</p>}

      <div id="trends-panel-chart" role="tabpanel" aria-labelledby="trends-tab-chart" hidden={tab !== 'chart'}>
        {trend && standard && (
          <>
            <SpcPanel trend={trend} groupLabel={groupLabel} notes={notes} dataset={current.meta} statistic={statistic}>
              <div className="trends__below">
                <NotesPanel
                  notes={notes}
                  measureId={standard.id}
                  by={noteBy}
                  group={noteGroup}
                  groupLabel={groupLabel}
                  rebase={settings.rebase}
                  compareAt={compareAt}
                  onRebase={(date) => set({ rebase: withRebase(settings.rebase, date) })}
                  onCompare={setCompareAt}
                />
                {compareAt && (
                  <BeforeAfterPanel
                    spec={standard}
                    by={by}
                    group={group}
                    groupLabel={groupLabel}
                    granularity={settings.period}
                    date={compareAt}
                    note={notes.find((n) => n.date === compareAt)?.text ?? ''}
                    notes={notes}
                    dataset={current.meta}
                  />
                )}
              </div>
            </SpcPanel>
          </>
        )}
      </div>
      <div id="trends-panel-board" role="tabpanel" aria-labelledby="trends-tab-board" hidden={tab !== 'board'}>
        {tab === 'board' && (
          <BoardPanel
            standards={usable}
            granularity={settings.period}
            choices={choices}
            centres={groups?.centres ?? []}
            dataset={current.meta}
            onOpen={(centre: string, measureId: string) => { set({ level: 'centre_code', group: centre, measureId, rebase: [] }); setCompareAt(null); setTab('chart'); }}
          />
        )}
      </div>
      <div id="trends-panel-waits" role="tabpanel" aria-labelledby="trends-tab-waits" hidden={tab !== 'waits'}>
        {tab === 'waits' && standard && (
          <WaitsPanel standard={standard} by={by} group={group} groupLabel={groupLabel} notes={notes} dataset={current.meta} centres={groups?.centres} />
        )}
      </div>
    </div>
  );
}
