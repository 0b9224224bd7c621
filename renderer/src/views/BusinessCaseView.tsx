/**
 * Business case for one centre and one standard (4+4 part 1 by default): where the centre stands,
 * its demand, what meeting the target takes, costs and benefits year by year (Green Book
 * discounting), the tornado, and scenarios. The centre's facts come from the dataset worker
 * (shared/business-case analyseCentre); every figure on the page comes from shared/business-case;
 * the page holds the inputs and renders.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { toStandard, type Band, type VariationResult } from '../../../shared/analysis/variation';
import { computeBusinessCase, setInput, type BusinessCaseInput, type InputGroup } from '../../../shared/business-case/model';
import { DEFAULT_YEARS, MAX_YEARS, MIN_YEARS } from '../../../shared/business-case/defaults';
import { prefillInputs, targetFor, type CentreAnalysis, type TargetChoice } from '../../../shared/business-case/prefill';
import { sensitivity } from '../../../shared/business-case/sensitivity';
import { trendReading } from '../../../shared/business-case/trend';
import { applyScenario, toScenario, type Scenario } from '../../../shared/business-case/scenario';
import { funnelSpec } from '../../../shared/charts/funnel-spec';
import { formatInterval, formatPercent } from '../../../shared/charts/describe';
import { isTiered, type Standard, type Tier } from '../../../shared/standards/schema';
import { SUPPRESSED_ICON } from '../../../shared/output/words';
import { datasetWorker, useCurrentDataset } from '../state/current-dataset';
import { useCatalogue } from '../state/standards';
import { VegaChart } from '../components/charts/VegaChart';
import { AssumptionsTable } from '../components/business-case/AssumptionsTable';
import { CashFlowTable } from '../components/business-case/CashFlowTable';
import { SensitivityPanel } from '../components/business-case/SensitivityPanel';
import { ScenarioPanel } from '../components/business-case/ScenarioPanel';
import { formatMoney, formatNumber, formatOneDecimal, inputValueText } from '../components/business-case/format';
import { openCentreReport } from '../components/report/open-report';
import { AssuranceIcon, VariationIcon } from '../components/trends/SpcIcons';
import '../components/business-case/business-case.css';

/** The standard a business case starts on (the 4+4 ambition's first part), and its KPI in a KPI extract. */
const DEFAULT_MEASURE = '4plus4-part1';
const DEFAULT_KPI = /^(kpi-)?4plus4[-_]part1$/;
const FUNNEL_WIDTH = 420;
const FUNNEL_HEIGHT = 300;
/** Drawn size of the Making Data Count icons beside the trend reading. */
const TREND_ICON_SIZE = 36;

const GROUPS: { id: InputGroup; caption: string }[] = [
  { id: 'centre', caption: 'The centre and its demand' },
  { id: 'capacity', caption: 'Capacity' },
  { id: 'costs', caption: 'Costs' },
  { id: 'benefits', caption: 'Benefits' },
  { id: 'discounting', caption: 'Discounting' },
];

type TargetKind = TargetChoice['kind'];

/** True when the standard's tiers have time frames of their own (Brain Health intervals). */
function hasTierTimeFrames(standard: Standard): boolean {
  return standard.kind === 'interval' && isTiered(standard.thresholds);
}

/** Where a centre's point lies on the funnel, in words. */
function bandText(band: Band): string {
  switch (band) {
    case 'within': return 'within the funnel limits (no evidence it differs from the target beyond chance)';
    case 'above95': return 'above the 95% limit (better than expected; could be chance)';
    case 'above99.8': return 'above the 99.8% limit (better than expected, beyond chance)';
    case 'below95': return 'below the 95% limit (worse than expected; could be chance)';
    case 'below99.8': return 'below the 99.8% limit (worse than expected, beyond chance)';
  }
}

export function BusinessCaseView({ onShowData }: { onShowData: () => void }) {
  const current = useCurrentDataset();
  const { standards } = useCatalogue();
  const [kpiIds, setKpiIds] = useState<string[]>([]);
  // As in the Variation view: a KPI extract's measures are its KPI ids (catalogued or not), an audit extract's the rest.
  const usable = useMemo<Standard[]>(() => (current?.meta.extractType === 'kpi'
    ? [...standards.filter((s) => s.kind === 'kpi'), ...kpiIds.filter((id) => !standards.some((s) => s.kind === 'kpi' && s.kpiId === id)).map((id) => toStandard({ kpiId: id }))]
    : standards.filter((s) => s.kind !== 'kpi')), [standards, current, kpiIds]);
  const [measureId, setMeasureId] = useState(DEFAULT_MEASURE);
  const standard: Standard | undefined = usable.find((s) => s.id === measureId) ?? usable.find((s) => DEFAULT_KPI.test(s.id)) ?? usable[0];
  const [centres, setCentres] = useState<string[]>([]);
  const [centre, setCentre] = useState('');
  const [targetKind, setTargetKind] = useState<TargetKind>('standard');
  const [tier, setTier] = useState<Tier>('core');
  const [ownTarget, setOwnTarget] = useState(80);
  const [years, setYears] = useState(DEFAULT_YEARS);
  const [analysis, setAnalysis] = useState<CentreAnalysis | null>(null);
  const [inputs, setInputs] = useState<BusinessCaseInput[] | null>(null);
  const [building, setBuilding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [builtFor, setBuiltFor] = useState<Standard | null>(null);
  // The scenario last loaded, named in the report while its values are unchanged.
  const [scenarioName, setScenarioName] = useState<string | null>(null);

  // The centres that have anyone in the measure's denominator, for the picker.
  useEffect(() => {
    if (!current || !standard) return;
    let live = true;
    void datasetWorker().call('analyse', { spec: standard, options: { by: 'centre_code' } }).then(
      ({ result }: { result: VariationResult }) => { if (live) setCentres(result.groups.map((g) => g.group).sort((a, b) => a.localeCompare(b, 'en-GB'))); },
      () => { if (live) setCentres([]); },
    );
    return () => { live = false; };
  }, [current, standard]);

  useEffect(() => {
    if (current?.meta.extractType !== 'kpi') { setKpiIds([]); return; }
    let live = true;
    void datasetWorker().call('facets', {}).then((f) => { if (live) setKpiIds(f.kpiIds); });
    return () => { live = false; };
  }, [current]);

  // A new dataset starts a new case.
  useEffect(() => { setAnalysis(null); setInputs(null); setCentre(''); setError(null); }, [current]);

  const choice = useCallback((): TargetChoice => (
    targetKind === 'tier' ? { kind: 'tier', tier } : targetKind === 'user' ? { kind: 'user', value: ownTarget / 100 } : { kind: 'standard' }
  ), [targetKind, tier, ownTarget]);

  /** Read the centre's facts from the data and prefill every input; returns them for a scenario to build on. */
  const build = useCallback(async (forCentre: string, forStandard: Standard): Promise<BusinessCaseInput[] | null> => {
    setBuilding(true);
    setError(null);
    try {
      const a = await datasetWorker().call('businessCase', { centre: forCentre, standard: forStandard, target: choice() });
      const prefilled = prefillInputs(a.facts);
      setAnalysis(a);
      setBuiltFor(forStandard);
      setInputs(prefilled);
      setScenarioName(null);
      return prefilled;
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      return null;
    } finally {
      setBuilding(false);
    }
  }, [choice]);

  const computed = useMemo(() => {
    if (!inputs) return null;
    try {
      return { result: computeBusinessCase(inputs, years), sens: sensitivity(inputs, years), problem: null };
    } catch (err) {
      return { result: null, sens: null, problem: err instanceof Error ? err.message : String(err) };
    }
  }, [inputs, years]);

  // The trend as the page reads it (the page is the user's own workspace: nothing is published from it).
  const trend = useMemo(() => (analysis?.facts.trend ? trendReading(analysis.facts.trend, null) : null), [analysis]);
  const funnel = useMemo(() => (analysis ? funnelSpec(analysis.variation, { width: FUNNEL_WIDTH, height: FUNNEL_HEIGHT, selected: analysis.facts.centre, labelOutliers: false, title: `${analysis.facts.measure.shortTitle}: ${analysis.facts.centre} highlighted` }) : null), [analysis]);

  if (!current) {
    return (
      <div className="welcome">
        <h2>No dataset open</h2>
        <p>Open an extract, or the synthetic sample, in the Data view first; then build a business case for your centre here.</p>
        <button type="button" className="primary" onClick={onShowData}>Go to Data</button>
      </div>
    );
  }

  /** Set one input through the model (throws its message when the value is refused). */
  const onSet = (key: string, value: number) => {
    if (!inputs) return;
    setInputs(setInput(inputs, key, value));
    setScenarioName(null);
  };

  /** A new target choice changes only the target input (the model's own wording as its source). */
  const changeTarget = (kind: TargetKind, nextTier: Tier = tier, own: number = ownTarget) => {
    const wasTier = targetKind === 'tier';
    setTargetKind(kind);
    setTier(nextTier);
    setOwnTarget(own);
    if (!inputs || !builtFor || !analysis) return;
    const chosen: TargetChoice = kind === 'tier' ? { kind, tier: nextTier } : kind === 'user' ? { kind, value: own / 100 } : { kind };
    // A tier of a tiered standard has its own time frame: the centre's share and backlog are read again for it.
    if ((kind === 'tier' || wasTier) && hasTierTimeFrames(builtFor)) {
      void refreshFacts(chosen);
      return;
    }
    try {
      const t = targetFor(builtFor, chosen);
      setInputs(setInput(inputs, 'targetShare', t.value, t.label));
      setScenarioName(null);
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  /** Read the centre's facts again for another target, keeping every value the person set or left at its default. */
  const refreshFacts = async (chosen: TargetChoice) => {
    if (!inputs || !builtFor || !analysis) return;
    setBuilding(true);
    try {
      const a = await datasetWorker().call('businessCase', { centre: analysis.facts.centre, standard: builtFor, target: chosen });
      // applyScenario carries the person's and the default values, never figures read from the data (those come fresh).
      const carried = applyScenario(prefillInputs(a.facts), toScenario('current', inputs.filter((i) => i.name !== 'targetShare')));
      setAnalysis(a);
      setInputs(carried);
      setScenarioName(null);
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBuilding(false);
    }
  };

  /** Apply a scenario (rebuilding for its centre and measure when this extract has them); returns a note when it lands elsewhere. */
  const loadScenario = async (scenario: Scenario): Promise<string | null> => {
    const scenarioStandard = usable.find((s) => s.id === scenario.measureId) ?? standard;
    const scenarioCentre = scenario.centre && centres.some((c) => c === scenario.centre) ? scenario.centre : (analysis?.facts.centre ?? centre);
    if (!scenarioStandard || !scenarioCentre) throw new Error(`Choose a centre first: scenario "${scenario.name}" does not name one found in this extract.`);
    if (scenario.measureId) setMeasureId(scenarioStandard.id);
    setCentre(scenarioCentre);
    if (scenario.years) setYears(scenario.years);
    const base = analysis && analysis.facts.centre === scenarioCentre && builtFor?.id === scenarioStandard.id ? inputs : await build(scenarioCentre, scenarioStandard);
    if (!base) throw new Error(`Could not read centre ${scenarioCentre} from the data for scenario "${scenario.name}".`);
    setInputs(applyScenario(base, scenario));
    setScenarioName(scenario.name);
    return scenario.centre && scenario.centre !== scenarioCentre
      ? `It was made for centre ${scenario.centre}, which is not in this extract: applied to ${scenarioCentre}, with ${scenarioCentre}'s own data.`
      : null;
  };

  const facts = analysis?.facts;
  const byName = (name: string) => inputs?.find((i) => i.name === name);
  const req = computed?.result?.requirements;

  return (
    <div className="business-case">
      <form className="panel business-case__controls" aria-label="Business case settings" onSubmit={(e) => { e.preventDefault(); if (centre && standard) void build(centre, standard); }}>
        <label>
          Measure
          <select value={standard?.id ?? ''} onChange={(e) => setMeasureId(e.target.value)}>
            {usable.map((s) => <option key={s.id} value={s.id}>{s.shortTitle}{s.provenance === 'provisional' ? ' (provisional)' : ''}</option>)}
          </select>
        </label>
        <label>
          Centre
          <select value={centre} onChange={(e) => setCentre(e.target.value)}>
            <option value="">Choose a centre…</option>
            {centres.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </label>
        <label>
          Years
          <select value={years} onChange={(e) => setYears(Number(e.target.value))}>
            {Array.from({ length: MAX_YEARS - MIN_YEARS + 1 }, (_, k) => MIN_YEARS + k).map((y) => <option key={y} value={y}>{y} {y === 1 ? 'year' : 'years'}</option>)}
          </select>
        </label>
        <button type="submit" className="primary" disabled={!centre || !standard || building}>{building ? 'Reading the data…' : 'Build business case'}</button>
        {inputs && analysis && computed?.result && (
          <button type="button" onClick={() => openCentreReport({ meta: current.meta, analysis, inputs, years, scenarioName: scenarioName ?? undefined, standards: usable })}>Report</button>
        )}
      </form>

      {error && <p className="alert" role="alert">{error}</p>}
      {!inputs && !error && (
        <p className="muted business-case__hint">Choose your centre and press “Build business case”: the page reads where the centre stands and its demand from the data, and fills every assumption with a default you can change. Each shows its source.</p>
      )}

      {inputs && facts && analysis && (
        <>
          <section className="panel business-case__section" aria-labelledby="bc-stands">
            <h2 id="bc-stands">Where {facts.centre} stands</h2>
            <div className="business-case__stands">
              <div>
                <dl className="facts">
                  <dt>Measure</dt><dd>{facts.measure.title}{facts.measure.provenance === 'provisional' && <span className="badge badge--provisional">Provisional</span>}</dd>
                  <dt>Seen within the time frame</dt>
                  <dd><strong>{formatPercent(facts.share)}</strong> ({facts.numerator.toLocaleString('en-GB')} of {facts.n.toLocaleString('en-GB')}; 95% interval {formatInterval(facts.ci95[0], facts.ci95[1])}), {facts.period.from} to {facts.period.to}</dd>
                  <dt>Funnel position</dt>
                  <dd>{bandText(facts.funnel.band)}; {ordinal(facts.funnel.rank)} of {facts.funnel.centres} centres{facts.funnel.target !== null ? ` (all-centre average ${formatPercent(facts.funnel.target)})` : ''}</dd>
                  {facts.tier && <><dt>Tier</dt><dd>{facts.tier}</dd></>}
                  <dt>Trend</dt>
                  <dd className="business-case__trend" data-testid="bc-trend">
                    {trend ? (
                      <>
                        <span className="business-case__trend-icons">
                          {trend.variationIcon !== SUPPRESSED_ICON && <VariationIcon icon={trend.variationIcon} size={TREND_ICON_SIZE} />}
                          {trend.assuranceIcon && trend.assuranceIcon !== SUPPRESSED_ICON && <AssuranceIcon icon={trend.assuranceIcon} size={TREND_ICON_SIZE} />}
                        </span>
                        <span>{trend.brief} <span className="muted">Monthly p-chart with Making Data Count rules, drawn on the Trends page and in the report.</span></span>
                      </>
                    ) : 'No monthly trend: the extract has no dated months for this centre and measure.'}
                  </dd>
                  <dt>As of</dt><dd>{facts.asOf}</dd>
                </dl>
                <fieldset className="business-case__target">
                  <legend>Target</legend>
                  <label className="check"><input type="radio" name="bc-target" checked={targetKind === 'standard'} onChange={() => changeTarget('standard')} /> The standard’s required share</label>
                  <label className="check"><input type="radio" name="bc-target" checked={targetKind === 'tier'} onChange={() => changeTarget('tier')} /> A tier’s target</label>
                  {targetKind === 'tier' && (
                    <label>
                      Tier
                      <select value={tier} onChange={(e) => changeTarget('tier', e.target.value as Tier)}>
                        <option value="core">Core</option>
                        <option value="achievable">Achievable</option>
                        <option value="aspirational">Aspirational</option>
                      </select>
                    </label>
                  )}
                  <label className="check"><input type="radio" name="bc-target" checked={targetKind === 'user'} onChange={() => changeTarget('user')} /> My own</label>
                  {targetKind === 'user' && (
                    <label>
                      Own target (%)
                      <input type="number" min={0} max={100} step={1} value={ownTarget} onChange={(e) => changeTarget('user', tier, Number(e.target.value))} />
                    </label>
                  )}
                  <p className="muted">Now: {byName('targetShare') ? inputValueText(byName('targetShare')!) : ''}. {byName('targetShare')?.source}</p>
                </fieldset>
              </div>
              {funnel && (
                <VegaChart spec={funnel} label={`Funnel plot of ${facts.measure.shortTitle} with ${facts.centre} highlighted`}
                  description={`${facts.centre}: ${formatPercent(facts.share)} of ${facts.n}, ${bandText(facts.funnel.band)}.`} />
              )}
            </div>
          </section>

          <section className="panel business-case__section" aria-labelledby="bc-inputs">
            <h2 id="bc-inputs">Assumptions</h2>
            <p className="muted">Every value is editable. Values from your data are counted in the extract; defaults carry their published source or are labelled as workbench assumptions. Low and high are what the sensitivity analysis tries (±25% unless the source gives a range).</p>
            {GROUPS.map((g) => <AssumptionsTable key={g.id} inputs={inputs} group={g.id} caption={g.caption} onSet={onSet} />)}
          </section>

          {computed?.problem && <p className="alert" role="alert">{computed.problem}</p>}
          {computed?.result && req && (
            <>
              <section className="panel business-case__section" aria-labelledby="bc-takes">
                <h2 id="bc-takes">What meeting the target takes</h2>
                <dl className="facts facts--wide" aria-label="Requirements">
                  <dt>People a year newly seen within the time frame</dt><dd>{formatOneDecimal(req.peopleNewlySeenPerYear)}</dd>
                  <dt>Extra clinic slots a week to clear the backlog in {formatNumber(byName('backlogClearanceWeeks')?.value ?? 0)} weeks</dt><dd>{formatOneDecimal(req.backlogSlotsPerWeek)}</dd>
                  <dt>Extra clinic slots a week to keep the target</dt><dd>{formatOneDecimal(req.keepSlotsPerWeek)}</dd>
                  <dt>MS nurse WTE needed for the caseload (at {formatNumber(byName('nurseCaseloadPerWte')?.value ?? 0)} people per WTE)</dt><dd>{formatOneDecimal(req.nurseWteNeeded)} (in post: {formatOneDecimal(byName('currentNurseWte')?.value ?? 0)})</dd>
                  <dt>Extra MS nurse WTE</dt><dd>{formatOneDecimal(req.nurseWteGap)}</dd>
                  <dt>Extra admin WTE (at {formatNumber(byName('adminWtePerNurse')?.value ?? 0)} per nurse)</dt><dd>{formatOneDecimal(req.adminWteGap)}</dd>
                </dl>
                {(byName('currentNurseWte')?.value ?? 0) === 0 && <p className="warning-text">Enter the MS nurse WTE in post now (under Assumptions): until then every nurse the caseload needs is counted as extra.</p>}
              </section>

              <section className="panel business-case__section" aria-labelledby="bc-cash">
                <h2 id="bc-cash">Costs and benefits over {years} {years === 1 ? 'year' : 'years'}</h2>
                <CashFlowTable result={computed.result} />
                <p className="business-case__headline" aria-label="Net cost per person reaching the standard">
                  Discounted net cost over {years} {years === 1 ? 'year' : 'years'}: <strong>{formatMoney(computed.result.totals.discountedNet)}</strong>.{' '}
                  {computed.result.perPersonReachingStandard === null
                    ? 'Nobody newly reaches the standard with these assumptions (the centre already meets the target), so there is no cost per person.'
                    : <>Net cost per person reaching the standard: <strong>{formatMoney(computed.result.perPersonReachingStandard)}</strong> ({formatOneDecimal(computed.result.peopleReachingStandard)} people).</>}
                </p>
                <p className="muted">Discounted as the HM Treasury Green Book does: year 0 undiscounted, year t divided by (1 + rate)^t at {inputValueText(byName('discountRate')!)}.</p>
              </section>

              {computed.sens && <SensitivityPanel sensitivity={computed.sens} years={years} />}
            </>
          )}

          <ScenarioPanel inputs={inputs} centre={facts.centre} measureId={builtFor?.id ?? measureId} years={years} onLoad={loadScenario} onSaved={setScenarioName} />
        </>
      )}
    </div>
  );
}

/** 1st, 2nd, 3rd, 4th ... */
function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}
