/**
 * Variation: one measure across centres once chance is allowed for. Funnel plot, caterpillar
 * plot, tier summary and centre profile, each with the league table beside it as its text
 * alternative; all numbers come from the engine's tidy result (shared/analysis), none from a chart.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { TopLevelSpec } from 'vega-lite';
import type { FunnelMethod } from '../../../shared/stats/funnel';
import type { OverdispersionMethod } from '../../../shared/stats/overdispersion';
import type { AnalysisFilters, VariationOptions, VariationResult } from '../../../shared/analysis/variation';
import type { PeriodChoice, PeriodOption } from '../../../shared/analysis/periods';
import { adHocKpi } from '../../../shared/analysis/measure';
import { centreLabel, countSentence, outliersInWords } from '../../../shared/output/banner';
import { limitsDrawnText } from '../../../shared/output/words';
import { DEFAULT_OVERDISPERSION } from '../../../shared/stats/overdispersion';
import type { TierSummaryRow } from '../../../shared/analysis/tiers';
import type { ProfileRow } from '../../../shared/analysis/profile';
import { isTiered, presentTiers, type Standard, type Tier } from '../../../shared/standards/schema';
import { DEFAULT_REQUIRED_SHARE } from '../../../shared/standards/defaults';
import { funnelSpec, outlierCentres } from '../../../shared/charts/funnel-spec';
import { caterpillarSpec } from '../../../shared/charts/caterpillar-spec';
import { tierSummarySpec } from '../../../shared/charts/tier-summary-spec';
import { spineInputFromProfile, spineSpec } from '../../../shared/charts/spine-spec';
import { methodLine, overdispersionText } from '../../../shared/charts/describe';
import { datasetWorker, useCurrentDataset } from '../state/current-dataset';
import { useCatalogue } from '../state/standards';
import type { DatasetFacets } from '../workers/dataset-api';
import { VegaChart } from '../components/charts/VegaChart';
import { LeagueTable } from '../components/LeagueTable';
import { ExportBar, type ViewExport } from '../components/ExportBar';
import { DEFAULT_MIN_N, NO_SUPPRESSION_WARNING, publishedTableRows, publishVariation } from '../../../shared/output/publish';
import { profileRowsForChart, profileTable, tierSummaryTable } from '../../../shared/output/tables';
import { ViewTable } from '../components/ViewTable';
import { UkDateInput } from '../components/UkDateInput';
import { CentrePicker } from '../components/CentrePicker';
import { ChartHelp, Glossary } from '../components/help/ChartHelp';
import { ukDate } from '../display/format';
import { reportFromVariation } from '../components/report/open-report';

type ChartTab = 'funnel' | 'caterpillar' | 'tiers' | 'profile';
const TABS: { id: ChartTab; label: string }[] = [
  { id: 'funnel', label: 'Funnel plot' },
  { id: 'caterpillar', label: 'Caterpillar plot' },
  { id: 'tiers', label: 'Tier summary' },
  { id: 'profile', label: 'Centre profile' },
];

const FILTER_LABELS: Record<string, string> = { region: 'Region', ms_type: 'MS type', age_band: 'Age band', sex: 'Sex', imd_decile: 'IMD decile' };
const CHART_WIDTH = 600;

interface Settings {
  measureId: string;
  by: string;
  limits: FunnelMethod;
  overdispersion: OverdispersionMethod;
  target: 'pooled' | 'custom' | 'tier';
  customTarget: number;
  tier: Tier;
  filters: AnalysisFilters;
  /** Groups with fewer patients than this are listed but not compared: at tiny n every extreme value falls outside exact limits. */
  minN: number;
  /** KPI extracts: which reporting periods to analyse. */
  kpiPeriod: 'latest' | 'last4' | 'all' | 'range';
  kpiRange: { from: string; to: string };
}


export function VariationView({ onShowData }: { onShowData: () => void }) {
  const current = useCurrentDataset();
  const { standards } = useCatalogue();
  const [settings, setSettings] = useState<Settings>({
    measureId: '4plus4-part1', by: 'centre_code', limits: 'exact', overdispersion: DEFAULT_OVERDISPERSION, target: 'pooled', customTarget: 80, tier: 'core', filters: {}, minN: DEFAULT_MIN_N,
    kpiPeriod: 'latest', kpiRange: { from: '', to: '' },
  });
  const [facets, setFacets] = useState<DatasetFacets | null>(null);
  const [periods, setPeriods] = useState<PeriodOption[]>([]);
  const [result, setResult] = useState<VariationResult | null>(null);
  const [elapsed, setElapsed] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [tab, setTab] = useState<ChartTab>('funnel');
  /** Funnel and caterpillar: vertical axis fixed at 0-100% (for a business case), or fitted to the data. */
  const [yFull, setYFull] = useState(false);
  const [tierRows, setTierRows] = useState<TierSummaryRow[] | null>(null);
  const [profile, setProfile] = useState<ProfileRow[] | null>(null);

  // A KPI extract's measures are its KPI ids (numerators and denominators used as-is), titled from the catalogue where it knows them.
  const isKpi = current?.meta.extractType === 'kpi';
  const usable = useMemo<Standard[]>(() => (isKpi
    ? [...standards.filter((s) => s.kind === 'kpi'), ...(facets?.kpiIds ?? []).filter((id) => !standards.some((s) => s.kind === 'kpi' && s.kpiId === id)).map((id) => adHocKpi(id, standards))]
    : standards.filter((s) => s.kind !== 'kpi')), [standards, isKpi, facets]);
  const standard: Standard | undefined = usable.find((s) => s.id === settings.measureId) ?? usable[0];
  // Tiers the standard defines (Brain Health leaves some out); a chosen tier it lacks falls back to its first.
  const tiers: Tier[] = standard?.kind === 'interval' && isTiered(standard.thresholds) ? presentTiers(standard.thresholds) : [];
  const tier: Tier = tiers.length && !tiers.includes(settings.tier) ? tiers[0] : settings.tier;
  // The share a centre must reach to meet the standard at the chosen tier (its tier target, else the required share).
  const tierTarget = standard?.tierTargets?.[tier] ?? standard?.requiredShare ?? DEFAULT_REQUIRED_SHARE;
  const kpiPeriod = useMemo<PeriodChoice>(() => (settings.kpiPeriod !== 'range' ? settings.kpiPeriod
    : settings.kpiRange.from && settings.kpiRange.to ? settings.kpiRange : 'all'), [settings.kpiPeriod, settings.kpiRange]);
  const options = useMemo<VariationOptions>(() => ({
    by: settings.by,
    minN: settings.minN,
    ...(isKpi ? { kpiPeriod } : {}),
    limits: settings.limits,
    overdispersion: settings.overdispersion,
    target: settings.target === 'pooled' ? 'pooled' : settings.target === 'tier' ? tierTarget : settings.customTarget / 100,
    tier,
    filters: settings.filters,
  }), [settings, tier, tierTarget, isKpi, kpiPeriod]);

  useEffect(() => {
    if (!current) return;
    setFacets(null);
    setPeriods([]);
    void datasetWorker().call('facets', {}).then(setFacets);
    if (current.meta.extractType === 'kpi') void datasetWorker().call('kpiPeriods', {}).then(setPeriods);
  }, [current]);

  // Re-run whenever the dataset, the measure (including edits to it) or any option changes.
  useEffect(() => {
    if (!current || !standard) return;
    let live = true;
    setError(null);
    void datasetWorker().call('analyse', { spec: standard, options }).then(
      ({ result: r, ms }) => { if (live) { setResult(r); setElapsed(ms); } },
      (err: Error) => { if (live) { setResult(null); setError(err.message); } },
    );
    return () => { live = false; };
  }, [current, standard, options]);

  useEffect(() => {
    if (!current || tab !== 'tiers') return;
    let live = true;
    void datasetWorker().call('tierSummary', { standards: usable, options }).then((rows) => { if (live) setTierRows(rows); });
    return () => { live = false; };
  }, [current, tab, usable, options]);

  const profileCentre = selected ?? result?.groups[0]?.group ?? null;
  useEffect(() => {
    if (!current || tab !== 'profile' || !profileCentre) return;
    let live = true;
    void datasetWorker().call('profile', { centre: profileCentre, standards: usable, options }).then((rows) => { if (live) setProfile(rows); });
    return () => { live = false; };
  }, [current, tab, profileCentre, usable, options]);

  const profileName = useMemo(() => {
    const g = result ? [...result.groups, ...result.notCompared].find((x) => x.group === profileCentre) : undefined;
    return g ? centreLabel(g) : profileCentre ?? '';
  }, [result, profileCentre]);
  // The profile's spine chart from its rows (a row whose count is suppressed loses its marker in exports).
  const profileChart = useCallback((rows: readonly ProfileRow[]): TopLevelSpec => spineSpec(spineInputFromProfile(rows), { width: CHART_WIDTH, centre: profileName, title: `${profileName} across standards` }), [profileName]);
  // The table beside the tier summary and the profile, as shown (nothing suppressed on screen: it stays on this machine).
  const sideTable = useMemo(() => {
    if (tab === 'tiers' && tierRows) return { label: 'Tier summary table', ...tierSummaryTable(tierRows, { suppression: 'none' }) };
    if (tab === 'profile' && profile && profileCentre) return { label: `Profile of ${profileName}`, ...profileTable(profile, profileName, { suppression: 'none' }) };
    return null;
  }, [tab, tierRows, profile, profileCentre, profileName]);

  // The current chart from a result: the page draws it from the full result, exports may pass one with suppressed centres removed.
  const buildChart = useCallback((r: VariationResult): TopLevelSpec | null => {
    const yAxis = yFull ? 'full' : 'fit';
    if (tab === 'funnel') return funnelSpec(r, { width: CHART_WIDTH, height: 420, selected: selected ?? undefined, yAxis });
    if (tab === 'caterpillar') return caterpillarSpec(r, { width: CHART_WIDTH, height: 420, selected: selected ?? undefined, tiers: standard?.tierTargets, yAxis });
    if (tab === 'tiers' && tierRows) return tierSummarySpec(tierRows, { width: CHART_WIDTH });
    if (tab === 'profile' && profile && profileCentre) return profileChart(profile);
    return null;
  }, [tab, selected, standard, tierRows, profile, profileCentre, profileChart, yFull]);
  const spec = useMemo(() => (result ? buildChart(result) : null), [result, buildChart]);

  // What the current view exports: its own table, footnote and chart, through the one output path (shared/output).
  const exportView = useMemo<ViewExport | null>(() => {
    if (!result || !current) return null;
    const dataset = { fileName: current.meta.fileName, sha256: current.meta.sha256, importedAt: current.meta.importedAt };
    const base = { measureId: result.measure.id, asOf: result.asOf, key: [tab, result, selected, yFull] };
    if (tab === 'funnel' || tab === 'caterpillar') {
      return {
        ...base,
        chartKind: tab,
        tableKind: 'league-table',
        sheetName: result.measure.shortTitle,
        publish: (rule) => {
          const publication = publishVariation(result, { suppression: rule, dataset });
          return { columns: publication.columns.map((c) => c.label), rows: publishedTableRows(publication), footnote: publication.footnote, chart: buildChart(publication.chart) };
        },
      };
    }
    if (tab === 'tiers' && tierRows) {
      return {
        ...base,
        key: [tab, tierRows],
        measureId: 'all-standards',
        chartKind: 'tier-summary',
        tableKind: 'tier-table',
        sheetName: 'Tier summary',
        // The chart counts centres, not people, so it needs no suppression; the table's patient counts are suppressed.
        publish: (rule) => ({ ...tierSummaryTable(tierRows, { suppression: rule, dataset }), chart: tierSummarySpec(tierRows, { width: CHART_WIDTH, count: 'groups' }) }),
      };
    }
    if (tab === 'profile' && profile && profileCentre) {
      return {
        ...base,
        key: [tab, profile, profileName],
        measureId: `profile-${profileCentre}`,
        chartKind: 'spine-chart',
        tableKind: 'profile-table',
        sheetName: `Profile ${profileCentre}`,
        // A suppressed count hides the centre's value: its marker is left off the exported chart too.
        publish: (rule) => ({ ...profileTable(profile, profileName, { suppression: rule, dataset }), chart: profileChart(profileRowsForChart(profile, { suppression: rule })) }),
      };
    }
    return null;
  }, [result, current, tab, selected, buildChart, tierRows, profile, profileCentre, profileName, profileChart, yFull]);

  if (!current) {
    return (
      <div className="welcome">
        <h2>No dataset open</h2>
        <p>Open an extract, or the synthetic sample, in the Data view first.</p>
        <button type="button" className="primary" onClick={onShowData}>Go to Data</button>
      </div>
    );
  }

  const set = (patch: Partial<Settings>) => setSettings((s) => ({ ...s, ...patch }));
  const centreChoices = result ? [...result.groups, ...result.notCompared].map((g) => ({ code: g.group, label: centreLabel(g) })).sort((a, b) => a.code.localeCompare(b.code)) : [];
  const setFilter = (field: string, values: (string | number)[]) => set({ filters: { ...settings.filters, [field]: values.length ? values : undefined } });
  const outliers = result ? outlierCentres(result.groups, '99.8') : [];
  const tiered = tiers.length > 0;
  const allPeriods = periods.find((p) => p.value === 'all')?.period;
  const words = result ? outliersInWords(result, { selected }) : null;
  // The Limits control shows what is drawn: an applied overdispersion adjustment decides the scale.
  const limitsLocked = result !== null && result.overdispersion.applied && result.overdispersion.drawn !== 'none';

  return (
    <div className="variation">
      <form className="panel variation__controls" aria-label="Analysis settings" onSubmit={(e) => e.preventDefault()}>
        <label>
          Measure
          <select value={standard?.id ?? ''} onChange={(e) => set({ measureId: e.target.value })}>
            {usable.map((s) => <option key={s.id} value={s.id}>{s.shortTitle}{s.provenance === 'provisional' ? ' (provisional)' : ''}</option>)}
          </select>
        </label>
        {tiered && (
          <label>
            Time frame
            <select value={tier} onChange={(e) => set({ tier: e.target.value as Tier })}>
              {tiers.map((t) => <option key={t} value={t}>{t[0].toUpperCase() + t.slice(1)}</option>)}
            </select>
          </label>
        )}
        <label>
          Compare
          <select value={settings.by} onChange={(e) => set({ by: e.target.value })}>
            {(facets?.groupable ?? ['centre_code']).map((g) => <option key={g} value={g}>{g === 'centre_code' ? 'Centres' : g}</option>)}
          </select>
        </label>
        <label>
          Overdispersion
          <select value={settings.overdispersion} onChange={(e) => set({ overdispersion: e.target.value as OverdispersionMethod })}>
            <option value="auto">Automatic</option>
            <option value="none">None</option>
            <option value="additive">Additive (random effects)</option>
            <option value="multiplicative">Multiplicative</option>
          </select>
        </label>
        <div className="control">
          <label>
            Limits
            {limitsLocked && result ? (
              <select value="drawn" disabled aria-describedby="limits-reason">
                <option value="drawn">{limitsDrawnText(result)}</option>
              </select>
            ) : (
              <select value={settings.limits} onChange={(e) => set({ limits: e.target.value as FunnelMethod })}>
                <option value="exact">Exact binomial</option>
                <option value="normal">Normal approximation</option>
                <option value="arcsine">Arcsine</option>
              </select>
            )}
          </label>
          {limitsLocked && <span id="limits-reason" className="control-note">Set by the overdispersion adjustment: choose None above to pick the limits.</span>}
        </div>
        <label>
          Target
          <select value={settings.target} onChange={(e) => set({ target: e.target.value as Settings['target'] })}>
            <option value="pooled">All centres pooled</option>
            <option value="tier">Standard's target ({Math.round(tierTarget * 100)}%)</option>
            <option value="custom">A value I set</option>
          </select>
        </label>
        {settings.target === 'custom' && (
          <label>
            Target %
            <input type="number" min={0} max={100} step={1} value={settings.customTarget} onChange={(e) => set({ customTarget: Number(e.target.value) })} />
          </label>
        )}
        <label>
          Minimum n
          <input type="number" min={1} max={1000} step={1} value={settings.minN} onChange={(e) => set({ minN: Math.max(1, Number(e.target.value) || 1) })} />
        </label>
        {isKpi && periods.length > 0 && (
          <label>
            Period
            <select value={settings.kpiPeriod} onChange={(e) => set({ kpiPeriod: e.target.value as Settings['kpiPeriod'] })}>
              {periods.map((p) => <option key={p.value} value={p.value}>{p.label}</option>)}
              <option value="range">A range of dates…</option>
            </select>
          </label>
        )}
        {isKpi && settings.kpiPeriod === 'range' && periods.length > 0 && (
          <fieldset className="variation__range">
            <legend>Periods between</legend>
            <UkDateInput label="From" value={settings.kpiRange.from} min={allPeriods?.from} max={allPeriods?.to}
              onChange={(iso) => set({ kpiRange: { ...settings.kpiRange, from: iso } })} />
            <UkDateInput label="To" value={settings.kpiRange.to} min={allPeriods?.from} max={allPeriods?.to}
              onChange={(iso) => set({ kpiRange: { ...settings.kpiRange, to: iso } })} />
          </fieldset>
        )}
        {result && <CentrePicker label="Your centre" centres={centreChoices} value={selected} onChange={setSelected} />}
        {result && standard && (
          <button type="button" onClick={() => void reportFromVariation({
            meta: current.meta, result, options, standard, centre: selected, standards: usable,
            target: settings.target === 'tier' ? { kind: 'tier', tier: settings.tier } : settings.target === 'custom' ? { kind: 'user', value: settings.customTarget / 100 } : { kind: 'standard' },
          }).catch((err: Error) => setError(err.message))}>Report</button>
        )}
        <details className="variation__filters">
          <summary>Filters{Object.values(settings.filters).some(Boolean) ? ' (on)' : ''}</summary>
          {facets?.dateRange && (
            <fieldset>
              <legend>Period ({facets.dateRange.field})</legend>
              <p className="hint">{ukDate(facets.dateRange.from)} to {ukDate(facets.dateRange.to)} in this extract.</p>
              <UkDateInput label="From" value={settings.filters.period?.from ?? ''} min={facets.dateRange.from} max={facets.dateRange.to}
                onChange={(iso) => set({ filters: { ...settings.filters, period: iso ? { from: iso, to: settings.filters.period?.to ?? facets.dateRange!.to } : undefined } })} />
              <UkDateInput label="To" value={settings.filters.period?.to ?? ''} min={facets.dateRange.from} max={facets.dateRange.to}
                onChange={(iso) => set({ filters: { ...settings.filters, period: iso ? { from: settings.filters.period?.from ?? facets.dateRange!.from, to: iso } : undefined } })} />
            </fieldset>
          )}
          {facets && Object.entries(facets.values).map(([field, values]) => (
            <fieldset key={field}>
              <legend>{FILTER_LABELS[field] ?? field}</legend>
              {values.map((v) => {
                const chosen = (settings.filters[field as keyof AnalysisFilters] as (string | number)[] | undefined) ?? [];
                return (
                  <label key={String(v)} className="check">
                    <input type="checkbox" checked={chosen.includes(v)} onChange={(e) => setFilter(field, e.target.checked ? [...chosen, v] : chosen.filter((c) => c !== v))} />
                    {String(v)}
                  </label>
                );
              })}
            </fieldset>
          ))}
          <button type="button" className="link" onClick={() => set({ filters: {} })}>Clear filters</button>
        </details>
      </form>

      {error && <p className="alert" role="alert">{error}</p>}
      {result && standard && (
        <>
          <div className="variation__banner" role="status" aria-live="polite">
            <p>
              <strong>{result.measure.title}</strong>
              {result.measure.provenance === 'provisional' && <span className="badge badge--provisional" title="Definition or threshold not yet confirmed from the source; editable on the Standards page.">Provisional</span>}
              {' '}· {countSentence(result)}
              {elapsed !== null && <span className="muted"> Computed in {Math.round(elapsed)} ms.</span>}
            </p>
            <p className={result.overdispersion.fallback ? 'warning-text' : undefined}>{result.overdispersion.banner}</p>
            {words?.selectedLine && <p className="variation__selected"><strong>{words.selectedLine}</strong></p>}
            {words && (
              <ul className="variation__outliers" aria-label="Outliers">
                <li className="outliers--worse">{words.worse.sentence}</li>
                <li className="outliers--better">{words.better.sentence}</li>
              </ul>
            )}
            {result.notCompared.length > 0 && (
              <details className="variation__not-compared muted">
                <summary>Not compared ({result.notCompared.length} with fewer than {result.minN} patients, too few to judge)</summary>
                <p>{result.notCompared.map(centreLabel).join(', ')}.</p>
              </details>
            )}
            <p className="muted">{methodLine(result)}. {overdispersionText(result.overdispersion)}</p>
          </div>
          <div className="variation__body">
            <section className="panel variation__chart" aria-label="Charts">
              <ChartTabs tab={tab} onChange={setTab} />
              <div id="chart-panel" role="tabpanel" aria-labelledby={`tab-${tab}`}>
                <div className="chart-tools">
                  <ChartHelp key={tab} topic={tab} />
                  {(tab === 'funnel' || tab === 'caterpillar') && (
                    <label className="check">
                      <input type="checkbox" checked={yFull} onChange={(e) => setYFull(e.target.checked)} />
                      Vertical axis 0-100%
                    </label>
                  )}
                </div>
                {spec ? (
                  <VegaChart
                    spec={spec}
                    label={`${TABS.find((t) => t.id === tab)?.label} of ${tab === 'tiers' ? 'every standard' : tab === 'profile' ? profileName : result.measure.shortTitle}`}
                    description={tab === 'tiers' ? 'Centres at each tier, per standard. The tier summary table beside the chart lists every count.'
                      : tab === 'profile' ? `${profileName} against all centres, per standard. The profile table beside the chart lists every value.`
                        : `${result.groups.length} centres; ${outliers.length} outside the 99.8% limits. The league table beside the chart lists every value.`}
                    onClickDatum={(d) => { if (typeof d.group === 'string') setSelected(d.group); }}
                  />
                ) : <p className="muted">Computing…</p>}
                {tab === 'profile' && (
                  <label className="field">
                    Centre
                    <select value={profileCentre ?? ''} onChange={(e) => setSelected(e.target.value)}>
                      {result.groups.map((g) => <option key={g.group} value={g.group}>{centreLabel(g)}</option>)}
                    </select>
                  </label>
                )}
              </div>
              {exportView && <ExportBar view={exportView} />}
            </section>
            <section className="panel variation__table" aria-label={sideTable ? sideTable.label : 'League table'}>
              {sideTable
                ? <ViewTable label={sideTable.label} columns={sideTable.columns} rows={sideTable.rows} provisional={sideTable.provisional} notes={sideTable.footnote.filter((l) => l !== NO_SUPPRESSION_WARNING)} />
                : tab === 'tiers' || tab === 'profile' ? <p className="muted">Computing…</p>
                  : <LeagueTable result={result} selected={selected} onSelect={setSelected} />}
            </section>
          </div>
          <Glossary />
        </>
      )}
    </div>
  );
}

/**
 * The chart tabs, as the WAI-ARIA tabs pattern: one tab in the Tab order (the selected one), Left
 * and Right arrows move between tabs and select them, Home and End go to the first and last.
 */
function ChartTabs({ tab, onChange }: { tab: ChartTab; onChange: (tab: ChartTab) => void }) {
  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    const i = TABS.findIndex((t) => t.id === tab);
    const next = e.key === 'ArrowRight' ? (i + 1) % TABS.length
      : e.key === 'ArrowLeft' ? (i - 1 + TABS.length) % TABS.length
        : e.key === 'Home' ? 0
          : e.key === 'End' ? TABS.length - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    onChange(TABS[next].id);
    e.currentTarget.querySelector<HTMLButtonElement>(`#tab-${TABS[next].id}`)?.focus();
  };
  return (
    <div role="tablist" aria-label="Chart" onKeyDown={onKeyDown}>
      {TABS.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          id={`tab-${t.id}`}
          aria-selected={tab === t.id}
          aria-controls="chart-panel"
          tabIndex={tab === t.id ? 0 : -1}
          onClick={() => onChange(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
