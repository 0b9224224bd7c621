/**
 * Column mapping of the open dataset, after import: every kept column with the field it holds (or
 * none) and a field picker. Mapping one re-types the stored values without reading the file again
 * (store remapStoredColumn), then the dataset reopens so every view sees the new mapping; values
 * the new type could not read are counted and said, never dropped silently. Choosing "None" keeps
 * a mapped column as a plain column under its header's name, with the NHS numbers and titled names
 * in its text masked as an import masks a plain column's (the sentence says how many values), and
 * the measures that needed its field say again that it is missing.
 */
import { useId, useMemo, useState } from 'react';
import type { DatasetMeta } from '../store/database';
import type { ColumnKind } from '../../../shared/data/table';
import { storedColumnName } from '../../../shared/io/remap';
import { fieldsFor, fieldDefinition } from '../../../shared/schema/fields';
import type { ColumnReport } from '../../../shared/io/import-result';
import './remap-panel.css';

/** One stored column as the panel shows it. */
export interface KeptColumn {
  /** Name in the store (the field when mapped, else the cleaned header). */
  stored: string;
  /** Header as it appeared in the file. */
  source: string;
  /** Canonical field it holds, or null. */
  field: string | null;
  kind: ColumnKind;
}

/** Kept (stored) columns, each with the source header and field from the import's column report. */
export function keptColumns(meta: DatasetMeta, stored: { name: string; kind: ColumnKind }[]): KeptColumn[] {
  const byName = new Map<string, ColumnReport>();
  for (const c of meta.columns) byName.set(storedColumnName(c), c);
  return stored.map((s) => {
    const report = byName.get(s.name);
    return { stored: s.name, source: report?.source ?? s.name, field: report?.field ?? null, kind: s.kind };
  });
}

const KIND_WORDS: Record<ColumnKind, string> = { date: 'dates', number: 'numbers', text: 'text' };

export interface RemapOutcome {
  meta: DatasetMeta;
  unreadable: number;
  /** Values of an unmapped column with an NHS number or a titled name masked. */
  masked: number;
}

/** The picker's choice that keeps a column unmapped (a plain column). */
export const NO_FIELD_LABEL = 'None (keep as a plain column)';

/** The sentence saying how many values of an unmapped column had identifiers masked ('' for none). */
function maskedSentence(masked: number): string {
  if (masked === 0) return '';
  const n = masked.toLocaleString('en-GB');
  return masked === 1
    ? ' 1 value held an NHS number or a name after a title (such as "Mr Smith"); it is now masked, as an import masks a plain column.'
    : ` ${n} values held an NHS number or a name after a title (such as "Mr Smith"); they are now masked, as an import masks a plain column.`;
}

/**
 * What a finished re-mapping changed, in one sentence (or a few); `field` null when the column was
 * unmapped, `masked` how many of its values then had identifiers masked.
 */
export function remapSummary(column: KeptColumn, field: string | null, meta: DatasetMeta, unreadable: number, masked = 0): string {
  if (field === null) {
    const report = meta.columns.find((c) => c.source === column.source);
    const stored = report ? storedColumnName(report) : column.stored;
    const was = column.field === null ? null : fieldDefinition(meta.extractType, column.field);
    const needs = column.field === null ? '' : ` Measures that need ${was ? `${was.label} (${column.field})` : column.field} cannot be worked out until a column is mapped to it.`;
    return `Column "${column.source}" is no longer mapped to a field; it is kept as a plain column, stored as "${stored}".${maskedSentence(masked)}${needs}`;
  }
  const def = fieldDefinition(meta.extractType, field);
  const label = def ? `${def.label} (${field})` : field;
  const retyped = def && def.kind !== column.kind ? ` Its values were read again as ${KIND_WORDS[def.kind]}` : '';
  const lost = unreadable === 0
    ? (retyped ? `${retyped}; every value could be read.` : '')
    : `${retyped || ' Its values were read again'}; ${unreadable.toLocaleString('en-GB')} ${unreadable === 1 ? 'value' : 'values'} could not be read as ${def ? KIND_WORDS[def.kind] : 'the new type'} and ${unreadable === 1 ? 'is' : 'are'} now missing (counted as invalid in the column report).`;
  return `Column "${column.source}" is now mapped to ${label}.${lost}`;
}

export function RemapPanel({ meta, columns, onRemap }: {
  meta: DatasetMeta;
  columns: { name: string; kind: ColumnKind }[];
  /** Re-map one stored column (field null: keep it as a plain column); resolves with the updated metadata once the dataset has reopened. */
  onRemap: (stored: string, field: string | null) => Promise<RemapOutcome>;
}) {
  const kept = useMemo(() => keptColumns(meta, columns), [meta, columns]);
  const fields = fieldsFor(meta.extractType);
  const [choice, setChoice] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();
  const holder = new Map(kept.filter((k) => k.field).map((k) => [k.field as string, k.source]));

  const apply = async (column: KeptColumn) => {
    const picked = choice[column.source];
    if (picked === undefined) return;
    // '' is "None": keep the column as a plain column.
    const field = picked === '' ? null : picked;
    if (field === column.field) return;
    const def = field === null ? undefined : fieldDefinition(meta.extractType, field);
    // Re-typing replaces the stored values: what does not read as the new type is gone until the file is imported again.
    if (def && def.kind !== column.kind && !window.confirm(
      `Read "${column.source}" as ${KIND_WORDS[def.kind]} for ${def.label}? Its stored values are replaced: any that are not ${KIND_WORDS[def.kind]} become missing, and only importing the file again brings them back.`,
    )) return;
    setBusy(column.source);
    setError(null);
    setStatus(null);
    try {
      const { meta: updated, unreadable, masked } = await onRemap(column.stored, field);
      setStatus(remapSummary(column, field, updated, unreadable, masked));
      setChoice((c) => { const next = { ...c }; delete next[column.source]; return next; });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <details className="import-report remap-panel">
      <summary id={titleId}>Column mapping: {kept.filter((k) => k.field).length} of {kept.length} kept columns mapped to a field</summary>
      <div className="remap-panel__body">
        <p className="muted">
          Map a kept column to a field so measures can use it, without importing the file again. Its stored values are read
          again as the field&apos;s type; values that cannot be read are counted and become missing. Choose
          &ldquo;{NO_FIELD_LABEL}&rdquo; to unmap a column: measures that need its field cannot be worked out, and NHS numbers and
          names after a title inside its text are masked, as an import masks them in a plain column.
        </p>
        {kept.some((k) => !k.field) && (
          <p>Not mapped to a field: {kept.filter((k) => !k.field).map((k) => k.source).join(', ')}.</p>
        )}
        {status && <p className="notice" role="status">{status}</p>}
        {error && <p className="alert" role="alert">{error}</p>}
        <div className="remap-panel__scroll">
        <table className="compact" aria-labelledby={titleId}>
          <thead><tr><th scope="col">Source column</th><th scope="col">Stored as</th><th scope="col">Type</th><th scope="col">Field</th><th scope="col"><span className="visually-hidden">Action</span></th></tr></thead>
          <tbody>
            {kept.map((k) => {
              const pending = choice[k.source] ?? k.field ?? '';
              const target = pending && pending !== k.field ? fieldDefinition(meta.extractType, pending) : undefined;
              // "None" chosen for a column mapped to a field: it becomes a plain column.
              const unmapping = pending === '' && k.field !== null;
              return (
                <tr key={k.source} className={k.field ? undefined : 'is-unmapped'}>
                  <th scope="row">{k.source}</th>
                  <td><code>{k.stored}</code></td>
                  <td>{k.kind}</td>
                  <td>
                    <select
                      aria-label={`Field for kept column ${k.source}`}
                      value={pending}
                      disabled={busy !== null}
                      onChange={(e) => setChoice({ ...choice, [k.source]: e.target.value })}
                    >
                      <option value="">{NO_FIELD_LABEL}</option>
                      {fields.map((f) => {
                        const heldBy = holder.get(f.name);
                        const taken = heldBy !== undefined && heldBy !== k.source;
                        return <option key={f.name} value={f.name} disabled={taken}>{f.label} ({f.name}){taken ? ` (held by ${heldBy})` : ''}</option>;
                      })}
                    </select>
                    {target && target.kind !== k.kind && (
                      <span className="hint"> Values will be read as {KIND_WORDS[target.kind]}.</span>
                    )}
                  </td>
                  <td>
                    <button
                      type="button"
                      disabled={(!target && !unmapping) || busy !== null}
                      aria-label={target ? `Map ${k.source} to ${target.label}` : unmapping ? `Unmap ${k.source}, keeping it as a plain column` : `Map ${k.source}`}
                      onClick={() => void apply(k)}
                    >
                      {busy === k.source ? (unmapping ? 'Unmapping…' : 'Mapping…') : unmapping ? 'Unmap' : 'Map'}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        </div>
      </div>
    </details>
  );
}
