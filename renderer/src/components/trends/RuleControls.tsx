/**
 * The Making Data Count rule choices as labelled controls: 2 of 3 variant, trend ties, run length,
 * moving-range screening (XmR), baseline, rebase dates. Each choice also appears on the chart's
 * subtitle and in exports (the engine's option text), so what is drawn is always said.
 */
import { UkDateInput } from '../UkDateInput';
import { formatUkDate } from '../../../../shared/output/words';
import { useState } from 'react';
import { SPC_RUN_LENGTHS, TREND_TIES_LABEL, TWO_OF_THREE_LABEL, type SpcRunLength } from '../../../../shared/analysis/spc-choices';
import { MIN_BASELINE_POINTS, withRebase, type TrendSettings } from './settings';

export function RuleControls({ settings, onChange, showScreen }: {
  settings: TrendSettings;
  onChange: (patch: Partial<TrendSettings>) => void;
  /** Screening applies to XmR charts only. */
  showScreen: boolean;
}) {
  const [rebaseDraft, setRebaseDraft] = useState('');
  const fixed = settings.baseline !== 'all';
  return (
    <fieldset className="trends__rules">
      <legend>Rules</legend>
      <label>
        2 of 3 near a limit
        <select value={settings.twoOfThree} onChange={(e) => onChange({ twoOfThree: e.target.value as TrendSettings['twoOfThree'] })}>
          {Object.entries(TWO_OF_THREE_LABEL).map(([v, l]) => <option key={v} value={v}>{l}</option>)}
        </select>
      </label>
      <label>
        Trend ties
        <select value={settings.trendTies} onChange={(e) => onChange({ trendTies: e.target.value as TrendSettings['trendTies'] })}>
          {Object.entries(TREND_TIES_LABEL).map(([v, l]) => <option key={v} value={v}>{l}</option>)}
        </select>
      </label>
      <label>
        Run length (trend and shift)
        <select value={settings.runLength} onChange={(e) => onChange({ runLength: Number(e.target.value) as SpcRunLength })}>
          {SPC_RUN_LENGTHS.map((n) => <option key={n} value={n}>{n} points</option>)}
        </select>
      </label>
      {showScreen && (
        <label className="check">
          <input type="checkbox" checked={settings.screen} onChange={(e) => onChange({ screen: e.target.checked })} />
          Screen large moving ranges
        </label>
      )}
      <label>
        Baseline
        <select value={fixed ? 'fixed' : 'all'} onChange={(e) => onChange({ baseline: e.target.value === 'all' ? 'all' : MIN_BASELINE_POINTS })}>
          <option value="all">All points</option>
          <option value="fixed">First k points</option>
        </select>
      </label>
      {fixed && (
        <label>
          Baseline points (k)
          <input
            type="number"
            min={MIN_BASELINE_POINTS}
            step={1}
            value={settings.baseline}
            onChange={(e) => onChange({ baseline: Math.max(MIN_BASELINE_POINTS, Math.round(Number(e.target.value)) || MIN_BASELINE_POINTS) })}
          />
        </label>
      )}
      <div className="trends__rebase">
        <UkDateInput label="Rebase at" value={rebaseDraft} onChange={setRebaseDraft} />
        <button type="button" disabled={!rebaseDraft} onClick={() => { onChange({ rebase: withRebase(settings.rebase, rebaseDraft) }); setRebaseDraft(''); }}>
          Add rebase
        </button>
        {settings.rebase.length > 0 && (
          <ul aria-label="Rebase dates">
            {settings.rebase.map((d) => (
              <li key={d}>
                {formatUkDate(d)}{' '}
                <button type="button" className="link" aria-label={`Remove rebase at ${formatUkDate(d)}`} onClick={() => onChange({ rebase: settings.rebase.filter((x) => x !== d) })}>
                  remove
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </fieldset>
  );
}
