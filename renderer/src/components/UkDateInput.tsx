/**
 * A date typed as dd/mm/yyyy whatever the browser's locale (a native date input follows the
 * locale, so a US-set browser would ask for mm/dd/yyyy). The value in and out is ISO yyyy-mm-dd.
 */
import { useEffect, useId, useState } from 'react';
import { isoFromUkDate, ukDate } from '../display/format';

export function UkDateInput({ label, value, min, max, onChange }: {
  label: string;
  /** ISO date, or '' for none. */
  value: string;
  min?: string;
  max?: string;
  /** Called with an ISO date, or '' when cleared; not called while the text is not yet a date. */
  onChange: (iso: string) => void;
}) {
  const [text, setText] = useState(value ? ukDate(value) : '');
  const [problem, setProblem] = useState<string | null>(null);
  const errorId = useId();
  useEffect(() => { setText(value ? ukDate(value) : ''); setProblem(null); }, [value]);

  const commit = (typed: string) => {
    if (!typed.trim()) { setProblem(null); onChange(''); return; }
    const iso = isoFromUkDate(typed);
    if (!iso) { setProblem(`"${typed}" is not a date: write it as dd/mm/yyyy, e.g. 31/03/2024.`); return; }
    if ((min && iso < min) || (max && iso > max)) {
      setProblem(`${ukDate(iso)} is outside the data (${min ? ukDate(min) : '…'} to ${max ? ukDate(max) : '…'}).`);
      return;
    }
    setProblem(null);
    onChange(iso);
  };

  return (
    <label className="uk-date">
      {label}
      <input
        type="text"
        inputMode="numeric"
        placeholder="dd/mm/yyyy"
        autoComplete="off"
        value={text}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? errorId : undefined}
        onChange={(e) => { setText(e.target.value); if (isoFromUkDate(e.target.value) || !e.target.value) commit(e.target.value); }}
        onBlur={(e) => commit(e.target.value)}
        onKeyDown={(e) => { if (e.key === 'Enter') commit(e.currentTarget.value); }}
      />
      {problem && <span id={errorId} className="field-error" role="alert">{problem}</span>}
    </label>
  );
}
