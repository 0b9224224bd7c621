/**
 * "Your centre": a searchable picker of centres by ODS code or name. Typing filters the suggestions
 * (the browser's list for a text input); a centre is chosen once the text matches one exactly,
 * by code ("RTH") or by its full label ("RTH Oxford University Hospitals").
 */
import { useEffect, useId, useState } from 'react';

export interface CentreChoice {
  code: string;
  /** "code name", or the code alone when the extract has no names. */
  label: string;
}

/** The centre a typed text names, or null: a code or a full label, ignoring case and spacing. */
export function matchCentre(text: string, centres: readonly CentreChoice[]): CentreChoice | null {
  const wanted = text.trim().replace(/\s+/g, ' ').toLowerCase();
  if (!wanted) return null;
  return centres.find((c) => c.code.toLowerCase() === wanted || c.label.toLowerCase() === wanted) ?? null;
}

export function CentrePicker({ label, centres, value, onChange }: {
  label: string;
  centres: readonly CentreChoice[];
  /** The chosen centre's code, or null. */
  value: string | null;
  onChange: (code: string | null) => void;
}) {
  const listId = useId();
  const hintId = useId();
  const chosenLabel = centres.find((c) => c.code === value)?.label ?? value ?? '';
  const [text, setText] = useState(chosenLabel);
  useEffect(() => { setText(chosenLabel); }, [chosenLabel]);

  return (
    <label className="centre-picker">
      {label}
      <input
        type="text"
        list={listId}
        value={text}
        placeholder="Code or name"
        autoComplete="off"
        aria-describedby={hintId}
        onChange={(e) => {
          setText(e.target.value);
          if (!e.target.value.trim()) { onChange(null); return; }
          const match = matchCentre(e.target.value, centres);
          if (match) onChange(match.code);
        }}
        onBlur={() => setText(chosenLabel)}
      />
      <span id={hintId} className="visually-hidden">Type an ODS code or part of a name, then choose from the list.</span>
      <datalist id={listId}>
        {centres.map((c) => <option key={c.code} value={c.label} />)}
      </datalist>
    </label>
  );
}
