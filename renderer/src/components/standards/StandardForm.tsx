/**
 * Editing one standard: labelled inputs for title, provenance, direction, time frames (single or
 * tiered, in days), tier targets (as %), population conditions; or the whole standard as JSON.
 * Problems show next to the field they belong to, in words; nothing is saved until it is valid.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useCurrentDataset } from '../../state/current-dataset';
import { FILTER_OPS, type FilterOp, type Standard, type Tier } from '../../../../shared/standards';
import { OP_LABELS, TIER_LABELS, TIERS_CORE_FIRST, clauseText } from './describe';
import {
  DATE_FIELDS,
  FILTER_FIELDS,
  STATUS_TEMPLATE,
  draftFromStandard,
  newIntervalDraft,
  standardFromDraft,
  standardFromJson,
  suggestId,
  type ClauseDraft,
  type FieldErrors,
  type StandardDraft,
} from './draft';

export interface StandardFormProps {
  /** The standard being edited; null when adding a new one. */
  standard: Standard | null;
  /** Resolves when saved; a rejection's message is shown above the buttons. */
  onSubmit: (standard: Standard) => Promise<void>;
  onCancel: () => void;
}

/** Error messages from the state module, in words. */
function errorText(error: unknown): string {
  if (error && typeof error === 'object' && 'errors' in error && Array.isArray(error.errors)) return error.errors.join('; ');
  return error instanceof Error ? error.message : String(error);
}

const CANONICAL_DATES = new Set(DATE_FIELDS.map((f) => f.name));

/**
 * A start or end event's choices: the canonical date fields, then the open dataset's other kept
 * date columns by their stored names (and a column the standard already names, when the open
 * dataset lacks it, so editing never loses it).
 */
function EventOptions({ extra }: { extra: { name: string; present: boolean }[] }) {
  return (
    <>
      <optgroup label="Date fields">
        {DATE_FIELDS.map((f) => <option key={f.name} value={f.name}>{f.label} ({f.name})</option>)}
      </optgroup>
      {extra.length > 0 && (
        <optgroup label="Other date columns of the open dataset">
          {extra.map((c) => <option key={c.name} value={c.name}>{c.name}{c.present ? '' : ' (not in the open dataset)'}</option>)}
        </optgroup>
      )}
    </>
  );
}

/** A labelled control with its error message beside it. */
function Field({ label, error, hint, wide, sharedError, children }: {
  label: string;
  error?: string;
  hint?: string;
  /** Take two columns of the form grid (titles, citations). */
  wide?: boolean;
  /** Id of a problem shown once for several fields (e.g. tier order): marks this field invalid too. */
  sharedError?: string;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true }) => ReactNode;
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : '', sharedError ?? ''].filter(Boolean).join(' ') || undefined;
  const invalid = Boolean(error || sharedError);
  return (
    <div className={`std-field${invalid ? ' has-error' : ''}${wide ? ' std-field--wide' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-describedby': describedBy, ...(invalid ? { 'aria-invalid': true as const } : {}) })}
      {hint && <span id={`${id}-hint`} className="std-field__hint">{hint}</span>}
      {error && <span id={`${id}-error`} className="std-field__error">{error}</span>}
    </div>
  );
}

/** The label of the field an error key belongs to, as the form shows it. */
function errorLabel(key: string): string {
  const fixed: Record<string, string> = {
    id: 'Id', title: 'Title', shortTitle: 'Short title', source: 'Source', notes: 'Notes', provenance: 'Provenance', direction: 'Direction',
    startField: 'Start event', endField: 'End event', 'thresholds.single': 'Time frame', thresholds: 'Tier time frames',
    requiredShare: 'Required share', days: 'Review interval', kpiId: 'KPI id', numerator: 'Numerator (edit as JSON)',
  };
  if (fixed[key]) return fixed[key];
  const tier = /^(thresholds|tierTargets)\.(core|achievable|aspirational)$/.exec(key);
  if (tier) return `${TIER_LABELS[tier[2] as Tier]} ${tier[1] === 'thresholds' ? 'time frame' : 'target'}`;
  const clause = /^population\.(\d+)(?:\.(\w+))?$/.exec(key);
  if (clause) return `Condition ${Number(clause[1]) + 1}${clause[2] === 'op' ? ' test' : clause[2] ? ` ${clause[2]}` : ''}`;
  const part = /^parts\.(\d+)\.days$/.exec(key);
  if (part) return `Part ${Number(part[1]) + 1} time frame`;
  return key || 'Standard';
}

const OP_NEEDS_VALUES = (op: FilterOp) => op !== 'present' && op !== 'missing' && op !== 'withinDaysOfAsOf';

export function StandardForm({ standard, onSubmit, onCancel }: StandardFormProps) {
  const adding = standard === null;
  const [draft, setDraft] = useState<StandardDraft>(() => (standard ? draftFromStandard(standard) : newIntervalDraft()));
  /** What the form builds on: keeps the fields it does not show (a status measure's numerator, composite parts). */
  const [base, setBase] = useState<Standard | null>(standard);
  const [idTouched, setIdTouched] = useState(false);
  const [jsonMode, setJsonMode] = useState(false);
  const [jsonText, setJsonText] = useState('');
  const [jsonErrors, setJsonErrors] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const jsonId = useId();
  const radioName = useId();

  const opened = useCurrentDataset();
  /** The open dataset's kept date columns beyond the canonical ones, plus any the standard names already. */
  const extraDateColumns = (...named: string[]) => {
    const present = (opened?.dataset.columns ?? []).filter((c) => c.kind === 'date' && !CANONICAL_DATES.has(c.name)).map((c) => c.name);
    const missing = named.filter((n) => n && !CANONICAL_DATES.has(n) && !present.includes(n));
    return [...present.map((name) => ({ name, present: true })), ...[...new Set(missing)].map((name) => ({ name, present: false }))];
  };
  const update = (patch: Partial<StandardDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const updateTier = (key: 'tierDays' | 'tierTargets', tier: Tier, value: string) => setDraft((d) => ({ ...d, [key]: { ...d[key], [tier]: value } }));
  const updateClause = (index: number, patch: Partial<ClauseDraft>) =>
    setDraft((d) => ({ ...d, population: d.population.map((c, i) => (i === index ? { ...c, ...patch } : c)) }));

  // Opening the editor takes keyboard focus to its first field.
  useEffect(() => { formRef.current?.querySelector<HTMLElement>('input, select, textarea')?.focus(); }, []);

  /** Move focus to the first field with a problem, after React has shown it. */
  const focusFirstProblem = () => requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());

  const openJson = () => {
    const built = standardFromDraft(draft, base);
    setJsonText(JSON.stringify(built.standard ?? base ?? STATUS_TEMPLATE, null, 2));
    setJsonErrors([]);
    setJsonMode(true);
  };

  const backToForm = () => {
    const parsed = standardFromJson(jsonText, adding ? null : standard.id);
    if (!parsed.standard) { setJsonErrors(parsed.errors); return; }
    setDraft(draftFromStandard(parsed.standard));
    setBase(parsed.standard);
    setErrors({});
    setJsonMode(false);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitError(null);
    let result: Standard | null;
    if (jsonMode) {
      const parsed = standardFromJson(jsonText, adding ? null : standard.id);
      setJsonErrors(parsed.errors);
      result = parsed.standard;
      if (!result) { focusFirstProblem(); return; }
    } else {
      const built = standardFromDraft(draft, base);
      setErrors(built.errors);
      result = built.standard;
      if (!result) { focusFirstProblem(); return; }
    }
    setBusy(true);
    try {
      await onSubmit(result);
    } catch (error) {
      setSubmitError(errorText(error));
      setBusy(false);
    }
  };

  const label = standard?.shortTitle ?? 'new standard';
  const formKind = draft.kind;

  return (
    <form ref={formRef} className="std-form" onSubmit={(e) => void submit(e)} noValidate aria-label={adding ? 'Add a standard' : `Edit ${label}`}>
      <div className="std-form__mode button-row">
        {!jsonMode && <button type="button" className="link" onClick={openJson}>{adding ? 'Write a status measure or other kind as JSON' : 'Edit as JSON (advanced)'}</button>}
        {jsonMode && <button type="button" className="link" onClick={backToForm}>Back to the form</button>}
      </div>

      {jsonMode ? (
        <div className={`std-field std-field--wide${jsonErrors.length ? ' has-error' : ''}`}>
          <label htmlFor={jsonId}>Standard as JSON</label>
          <textarea
            id={jsonId} className="std-json" rows={18} spellCheck={false} value={jsonText}
            onChange={(e) => setJsonText(e.target.value)}
            aria-describedby={`${jsonId}-hint${jsonErrors.length ? ` ${jsonId}-errors` : ''}`}
            aria-invalid={jsonErrors.length ? true : undefined}
          />
          <span id={`${jsonId}-hint`} className="std-field__hint">
            One standard in the catalogue format: id, kind (interval, composite, frequency, status or kpi), title, shortTitle, source, provenance, and the fields of its kind.
            Status measures need a numerator: conditions such as {'{ "field": "bmi", "op": "present" }'}.
          </span>
          {jsonErrors.length > 0 && (
            <ul id={`${jsonId}-errors`} className="std-field__error std-json__errors">
              {jsonErrors.map((e) => <li key={e}>{e}</li>)}
            </ul>
          )}
        </div>
      ) : (
        <>
          <fieldset className="std-form__group">
            <legend>What it is</legend>
            <div className="std-form__grid">
              <Field label="Title" error={errors.title} wide>
                {(p) => <input {...p} type="text" value={draft.title} onChange={(e) => update({ title: e.target.value, ...(adding && !idTouched ? { id: suggestId(e.target.value) } : {}) })} />}
              </Field>
              <Field label="Short title" error={errors.shortTitle} hint="Shown in tables and charts.">
                {(p) => <input {...p} type="text" value={draft.shortTitle} onChange={(e) => update({ shortTitle: e.target.value })} />}
              </Field>
              {adding && (
                <Field label="Id" error={errors.id} hint='Lower-case letters, digits, ".", "_" or "-".'>
                  {(p) => <input {...p} type="text" value={draft.id} onChange={(e) => { setIdTouched(true); update({ id: e.target.value }); }} />}
                </Field>
              )}
              <Field label="Provenance" error={errors.provenance} hint="Confirmed once checked against the source.">
                {(p) => (
                  <select {...p} value={draft.provenance} onChange={(e) => update({ provenance: e.target.value === 'confirmed' ? 'confirmed' : 'provisional' })}>
                    <option value="provisional">Provisional</option>
                    <option value="confirmed">Confirmed</option>
                  </select>
                )}
              </Field>
              <Field label="Direction" error={errors.direction}>
                {(p) => (
                  <select {...p} value={draft.direction} onChange={(e) => update({ direction: e.target.value === 'lower-is-better' ? 'lower-is-better' : 'higher-is-better' })}>
                    <option value="higher-is-better">Higher share is better</option>
                    <option value="lower-is-better">Lower share is better</option>
                  </select>
                )}
              </Field>
              <Field label="Source" error={errors.source} hint="Citation people can check." wide>
                {(p) => <input {...p} type="text" className="std-input--wide" value={draft.source} onChange={(e) => update({ source: e.target.value })} />}
              </Field>
            </div>
            <Field label="Notes" error={errors.notes}>
              {(p) => <textarea {...p} rows={2} value={draft.notes} onChange={(e) => update({ notes: e.target.value })} />}
            </Field>
          </fieldset>

          <fieldset className="std-form__group">
            <legend>What counts as met</legend>
            {formKind === 'interval' && (
              <>
                <div className="std-form__grid">
                  <Field label="Start event" error={errors.startField}>
                    {(p) => (
                      <select {...p} value={draft.startField} onChange={(e) => update({ startField: e.target.value })}>
                        <EventOptions extra={extraDateColumns(draft.startField, draft.endField)} />
                      </select>
                    )}
                  </Field>
                  <Field label="End event" error={errors.endField}>
                    {(p) => (
                      <select {...p} value={draft.endField} onChange={(e) => update({ endField: e.target.value })}>
                        <EventOptions extra={extraDateColumns(draft.startField, draft.endField)} />
                      </select>
                    )}
                  </Field>
                </div>
                <div role="radiogroup" aria-label="Time frame" className="std-form__radios">
                  <label><input type="radio" name={radioName} checked={draft.thresholdMode === 'single'} onChange={() => update({ thresholdMode: 'single' })} /> One time frame</label>
                  <label><input type="radio" name={radioName} checked={draft.thresholdMode === 'tiered'} onChange={() => update({ thresholdMode: 'tiered' })} /> Three tiers (core, achievable, aspirational)</label>
                </div>
                {draft.thresholdMode === 'single' ? (
                  <Field label="Time frame (days)" error={errors['thresholds.single'] ?? errors.thresholds} hint="Met when the end event is at most this many days after the start.">
                    {(p) => <input {...p} type="number" min={1} step={1} className="std-input--days" value={draft.single} onChange={(e) => update({ single: e.target.value })} />}
                  </Field>
                ) : (
                  <div className="std-tier-inputs">
                    {TIERS_CORE_FIRST.map((tier) => (
                      <Field key={tier} label={`${TIER_LABELS[tier]} time frame (days)`} error={errors[`thresholds.${tier}`]} sharedError={errors.thresholds ? `${radioName}-order` : undefined}>
                        {(p) => <input {...p} type="number" min={1} step={1} className="std-input--days" value={draft.tierDays[tier]} onChange={(e) => updateTier('tierDays', tier, e.target.value)} />}
                      </Field>
                    ))}
                    {errors.thresholds && <p id={`${radioName}-order`} className="std-field__error std-tier-inputs__note">{errors.thresholds}</p>}
                  </div>
                )}
              </>
            )}
            {formKind === 'composite' && (
              <div className="std-tier-inputs">
                {base?.kind === 'composite' && base.parts.map((part, i) => (
                  <Field key={i} label={`Part ${i + 1} time frame (days)`} error={errors[`parts.${i}.days`]} hint={`${part.startField} to ${part.endField}`}>
                    {(p) => <input {...p} type="number" min={1} step={1} className="std-input--days" value={draft.partDays[i] ?? ''} onChange={(e) => update({ partDays: draft.partDays.map((d, j) => (j === i ? e.target.value : d)) })} />}
                  </Field>
                ))}
                <p className="std-field__hint">To re-point a part at other event columns, edit as JSON.</p>
              </div>
            )}
            {formKind === 'frequency' && (
              <Field label="Review interval (days)" error={errors.days}>
                {(p) => <input {...p} type="number" min={1} step={1} className="std-input--days" value={draft.frequencyDays} onChange={(e) => update({ frequencyDays: e.target.value })} />}
              </Field>
            )}
            {formKind === 'status' && base?.kind === 'status' && (
              <p className="std-form__readonly">
                <span className="muted">Numerator: </span>{base.numerator.map(clauseText).join('; and ')}.{' '}
                <span className="std-field__hint">{errors.numerator ?? 'Edit the numerator condition as JSON.'}</span>
              </p>
            )}
            {formKind === 'kpi' && (
              <Field label="KPI id" error={errors.kpiId} hint="The kpi_id this standard reads in a KPI extract.">
                {(p) => <input {...p} type="text" value={draft.kpiId} onChange={(e) => update({ kpiId: e.target.value })} />}
              </Field>
            )}
          </fieldset>

          <fieldset className="std-form__group">
            <legend>Tiers for a centre</legend>
            {formKind === 'interval' && draft.thresholdMode === 'tiered' && (
              <Field label="Required share (%)" error={errors.requiredShare} hint="Share of a centre's patients that must meet a tier's time frame. Leave empty for the default, 80%.">
                {(p) => <input {...p} type="number" min={0} max={100} step="any" className="std-input--days" value={draft.requiredShare} placeholder="80" onChange={(e) => update({ requiredShare: e.target.value })} />}
              </Field>
            )}
            <label className="std-form__check">
              <input type="checkbox" checked={draft.useTierTargets} onChange={(e) => update({ useTierTargets: e.target.checked })} />{' '}
              {formKind === 'interval' && draft.thresholdMode === 'tiered' ? 'Set a required share per tier' : 'Class centres against tier targets'}
            </label>
            {draft.useTierTargets && (
              <div className="std-tier-inputs">
                {TIERS_CORE_FIRST.map((tier) => (
                  <Field key={tier} label={`${TIER_LABELS[tier]} target (%)`} error={errors[`tierTargets.${tier}`]}>
                    {(p) => <input {...p} type="number" min={0} max={100} step="any" className="std-input--days" value={draft.tierTargets[tier]} onChange={(e) => updateTier('tierTargets', tier, e.target.value)} />}
                  </Field>
                ))}
              </div>
            )}
          </fieldset>

          <fieldset className="std-form__group">
            <legend>Population</legend>
            {draft.population.length === 0 && <p className="muted std-form__empty">Everyone in the extract. Add a condition to narrow it.</p>}
            <ol className="std-clauses">
              {draft.population.map((clause, i) => (
                <li key={i} className="std-clause">
                  <Field label={`Condition ${i + 1} field`} error={errors[`population.${i}.field`]}>
                    {(p) => (
                      <select {...p} value={clause.field} onChange={(e) => updateClause(i, { field: e.target.value })}>
                        {!FILTER_FIELDS.some((f) => f.name === clause.field) && <option value={clause.field}>{clause.field}</option>}
                        {FILTER_FIELDS.map((f) => <option key={f.name} value={f.name}>{f.label}</option>)}
                      </select>
                    )}
                  </Field>
                  <Field label={`Condition ${i + 1} test`} error={errors[`population.${i}.op`]}>
                    {(p) => (
                      <select {...p} value={clause.op} onChange={(e) => updateClause(i, { op: FILTER_OPS.find((op) => op === e.target.value) ?? 'present' })}>
                        {FILTER_OPS.map((op) => <option key={op} value={op}>{OP_LABELS[op]}</option>)}
                      </select>
                    )}
                  </Field>
                  {OP_NEEDS_VALUES(clause.op) && (
                    <Field label={`Condition ${i + 1} values`} error={errors[`population.${i}.values`]} hint={clause.op === 'in' || clause.op === 'notIn' ? 'Separate values with commas.' : 'One value (a number or yyyy-mm-dd).'}>
                      {(p) => <input {...p} type="text" value={clause.values} onChange={(e) => updateClause(i, { values: e.target.value })} />}
                    </Field>
                  )}
                  {clause.op === 'withinDaysOfAsOf' && (
                    <Field label={`Condition ${i + 1} days`} error={errors[`population.${i}.days`]}>
                      {(p) => <input {...p} type="number" min={1} step={1} className="std-input--days" value={clause.days} onChange={(e) => updateClause(i, { days: e.target.value })} />}
                    </Field>
                  )}
                  <button type="button" className="link danger" onClick={() => setDraft((d) => ({ ...d, population: d.population.filter((_, j) => j !== i) }))}>
                    Remove condition {i + 1}
                  </button>
                </li>
              ))}
            </ol>
            <button type="button" className="std-form__add-clause" onClick={() => setDraft((d) => ({ ...d, population: [...d.population, { field: 'ms_type', op: 'in', values: '', days: '' }] }))}>
              Add condition
            </button>
          </fieldset>
        </>
      )}

      {submitError && <p className="alert" role="alert">{submitError}</p>}
      {!jsonMode && Object.keys(errors).length > 0 && (
        <div className="std-field__error std-form__summary" role="alert">
          <p>Not saved. Check {Object.keys(errors).length === 1 ? 'this field' : `these ${Object.keys(errors).length} fields`}:</p>
          <ul>{Object.entries(errors).map(([key, text]) => <li key={key}>{errorLabel(key)}: {text}</li>)}</ul>
        </div>
      )}
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy}>{adding ? 'Add standard' : 'Save changes'}</button>
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
