/**
 * Searchable picker of one centre (by code or name) or region: a combobox with a filtered list,
 * keyboard operable (arrows, Enter, Escape), as the ARIA combobox pattern describes.
 */
import { useId, useMemo, useState } from 'react';

export interface PickerOption {
  value: string;
  /** Text shown and searched, e.g. "R7U · University Hospitals of Oakenham". */
  label: string;
}

/** Most options listed at once; typing narrows the list. */
const MAX_LISTED = 50;

export function GroupPicker({ label, options, value, onChange }: {
  label: string;
  options: PickerOption[];
  value: string | null;
  onChange: (value: string) => void;
}) {
  const id = useId();
  const chosen = options.find((o) => o.value === value) ?? null;
  const [query, setQuery] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const text = query ?? chosen?.label ?? '';
  const matches = useMemo(() => {
    const q = (query ?? '').trim().toLowerCase();
    if (!q) return options.slice(0, MAX_LISTED);
    // A typed code comes first (exact, then prefix), then any label containing the text.
    const rank = (o: PickerOption): number => {
      const value = o.value.toLowerCase();
      return value === q ? 0 : value.startsWith(q) ? 1 : o.label.toLowerCase().startsWith(q) ? 2 : 3;
    };
    return options.filter((o) => o.label.toLowerCase().includes(q)).sort((a, b) => rank(a) - rank(b)).slice(0, MAX_LISTED);
  }, [options, query]);

  const pick = (o: PickerOption) => {
    onChange(o.value);
    setQuery(null);
    setOpen(false);
  };

  return (
    <div className="group-picker">
      <label htmlFor={`${id}-input`}>{label}</label>
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-activedescendant={open && matches[active] ? `${id}-opt-${active}` : undefined}
        placeholder="Type a code or name"
        value={text}
        onFocus={(e) => e.currentTarget.select()}
        onChange={(e) => { setQuery(e.target.value); setOpen(true); setActive(0); }}
        onBlur={() => {
          // Leaving the field with an exact code (or label) typed chooses it; anything else keeps the current choice.
          const typed = (query ?? '').trim().toLowerCase();
          const exact = typed ? options.find((o) => o.value.toLowerCase() === typed || o.label.toLowerCase() === typed) : undefined;
          if (exact && exact.value !== value) onChange(exact.value);
          setOpen(false);
          setQuery(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') { e.preventDefault(); setOpen(true); setActive((a) => Math.min(a + 1, matches.length - 1)); }
          else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(a - 1, 0)); }
          else if (e.key === 'Enter') { e.preventDefault(); if (open && matches[active]) pick(matches[active]); }
          else if (e.key === 'Escape') { setOpen(false); setQuery(null); }
        }}
      />
      <ul id={`${id}-list`} role="listbox" aria-label={`${label} matches`} className="group-picker__list" hidden={!open || matches.length === 0}>
        {matches.map((o, i) => (
          <li
            key={o.value}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'is-active' : ''}
            // Keep focus in the input so the choice lands before blur closes the list.
            onMouseDown={(e) => { e.preventDefault(); pick(o); }}
          >
            {o.label}
          </li>
        ))}
      </ul>
      {open && matches.length === 0 && <p className="muted" role="status">No match for “{query}”.</p>}
    </div>
  );
}
