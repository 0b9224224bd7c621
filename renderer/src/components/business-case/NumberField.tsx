/**
 * A number the person can edit, with its accessible name and unit. What they type is kept while
 * they type; a value the model accepts is committed at once, a value it refuses shows the model's
 * own message (e.g. the allowed range) beside the field.
 */
import { useId, useState } from 'react';
import { editValue } from './format';

export function NumberField({ label, value, unit, percent = false, onCommit, className, step = 'any' }: {
  /** Accessible name, e.g. "Referrals a year (people per year)". */
  label: string;
  /** Stored value (a proportion for percent fields). */
  value: number;
  /** Unit shown after the field. */
  unit?: string;
  /** Edit a 0-1 proportion as a percentage. */
  percent?: boolean;
  /** Apply a new stored value; throw with a plain message to refuse it. */
  onCommit: (value: number) => void;
  className?: string;
  step?: number | 'any';
}) {
  const shown = editValue(value, percent);
  // The text typed for a given stored value; when the value changes elsewhere (a loaded scenario), the field shows it.
  const [draft, setDraft] = useState<{ text: string; base: number; error: string | null } | null>(null);
  const errorId = useId();
  const current = draft && draft.base === value ? draft : null;

  const change = (text: string) => {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) {
      setDraft({ text, base: value, error: 'Enter a number.' });
      return;
    }
    const stored = percent ? n / 100 : n;
    try {
      onCommit(stored);
      setDraft({ text, base: stored, error: null });
    } catch (err) {
      setDraft({ text, base: value, error: err instanceof Error ? err.message : String(err) });
    }
  };

  return (
    <span className={`number-field${className ? ` ${className}` : ''}`}>
      <input
        type="number"
        step={step}
        value={current ? current.text : String(shown)}
        aria-label={label}
        aria-invalid={current?.error ? true : undefined}
        aria-describedby={current?.error ? errorId : undefined}
        onChange={(e) => change(e.target.value)}
      />
      {unit && <span className="number-field__unit" aria-hidden="true">{unit}</span>}
      {current?.error && <span id={errorId} className="number-field__error" role="alert">{current.error}</span>}
    </span>
  );
}
