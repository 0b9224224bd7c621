/**
 * The mapping screen: before anything is stored, the person sees how each column will be read,
 * fixes the mapping, settles ambiguous dates (UK day-first by default, never guessed silently),
 * and decides what happens to direct identifiers (dropped by default).
 */
import { useEffect, useMemo, useState } from 'react';
import { fieldsFor, type ExtractType } from '../../../shared/schema/fields';
import { blockedMeasures, checkMapping } from '../../../shared/io/mapping';
import { mappingFileText } from '../../../shared/io/mapping-options';
import { SHIPPED_STANDARDS, standardFields } from '../../../shared/standards/catalogue';
import { host } from '../host';
import type { IdentifierChoice } from '../../../shared/io/identifiers';
import type { DateOrder } from '../../../shared/io/types/dates';
import type { ImportEvent } from '../state/import-session';
import type { ImportChoices } from '../workers/import-protocol';
import { recallMapping } from '../store/datasets';

type Prepared = Extract<ImportEvent, { type: 'prepared' }>;

const IDENTIFIER_LABELS: Record<string, string> = {
  nhs_number: 'NHS numbers',
  postcode: 'full postcodes',
  date_of_birth: 'dates of birth',
  name: 'names',
  free_text: 'free text (may name people)',
};

/** What each shipped measure reads, in words, for "which measures an unmapped field blocks". */
const MEASURE_NEEDS = SHIPPED_STANDARDS.filter((s) => s.kind !== 'kpi').map((s) => ({ title: s.shortTitle, fields: standardFields(s) }));

export function MappingStep({ fileName, prepared, onConfirm, onCancel, onSheet, onHeaderRow }: {
  fileName: string;
  prepared: Prepared;
  onConfirm: (choices: ImportChoices) => void;
  onCancel: () => void;
  onSheet: (sheet: string) => void;
  /** Read the file again with the header on this (1-based) row. */
  onHeaderRow?: (row: number) => void;
}) {
  const prep = prepared.preparation;
  const [extractType, setExtractType] = useState<ExtractType>(prep.extractType);
  const [mapping, setMapping] = useState<Record<string, string | null>>(prep.suggestion.mapping);
  const [remembered, setRemembered] = useState(false);
  const [dateOrders, setDateOrders] = useState<Record<string, DateOrder>>(
    Object.fromEntries(prep.ambiguousDates.map((d) => [d.column, d.defaultOrder])),
  );
  const [actions, setActions] = useState<Record<string, IdentifierChoice>>(
    Object.fromEntries(prep.identifiers.map((c) => [c.column, c.defaultAction])),
  );

  // A new reading (another sheet, another header row) starts from its own suggestion.
  useEffect(() => {
    setExtractType(prep.extractType);
    setMapping(prep.suggestion.mapping);
    setRemembered(false);
    setDateOrders(Object.fromEntries(prep.ambiguousDates.map((d) => [d.column, d.defaultOrder])));
    setActions(Object.fromEntries(prep.identifiers.map((c) => [c.column, c.defaultAction])));
  }, [prep]);

  useEffect(() => {
    let live = true;
    void recallMapping(prep.signature).then((saved) => {
      if (live && saved) { setMapping(saved); setRemembered(true); }
    });
    return () => { live = false; };
  }, [prep.signature]);

  const fields = fieldsFor(extractType);
  const issues = useMemo(() => checkMapping(prep.headers, mapping, extractType), [prep.headers, mapping, extractType]);
  const kept = Object.entries(actions).filter(([, a]) => a === 'keep').map(([c]) => c);
  const blocked = useMemo(() => (extractType === 'patient' ? blockedMeasures(mapping, extractType, MEASURE_NEEDS) : []), [mapping, extractType]);
  const [headerRow, setHeaderRow] = useState(String(prep.headerRow ?? 1));
  useEffect(() => setHeaderRow(String(prep.headerRow ?? 1)), [prep.headerRow]);
  const headerRowValid = /^[1-9]\d{0,5}$/.test(headerRow);
  const exportMapping = () => host.saveFile({
    suggestedName: `${fileName.replace(/\.[^.]+$/, '')}-mapping.json`,
    mimeType: 'application/json',
    data: mappingFileText({
      mapping,
      ...(prepared.sheet ? { sheet: prepared.sheet } : {}),
      ...(prep.headerRow ? { headerRow: prep.headerRow } : {}),
      dateOrders,
      identifierActions: actions,
    }),
  });

  return (
    <section className="panel mapping" aria-labelledby="mapping-title">
      <h2 id="mapping-title" tabIndex={-1}>Check how {fileName} will be read</h2>
      <p className="muted">
        {prep.rowsRead.toLocaleString('en-GB')} rows read · {prep.format.toUpperCase()}
        {prep.encoding ? ` · ${prep.encoding}` : ''}
        {prep.readerErrors > 0 ? ` · ${prep.readerErrors.toLocaleString('en-GB')} rows could not be read and will be excluded` : ''}
        {prep.blankRows > 0 ? ` · ${prep.blankRows.toLocaleString('en-GB')} blank row${prep.blankRows === 1 ? '' : 's'} will be excluded` : ''}
      </p>
      {prepared.sheets.length > 1 && (
        <label className="field">
          Sheet
          <select value={prepared.sheet} onChange={(e) => onSheet(e.target.value)}>
            {prepared.sheets.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
      )}
      {onHeaderRow && (
        <form className="field-row" onSubmit={(e) => { e.preventDefault(); if (headerRowValid) onHeaderRow(Number(headerRow)); }}>
          <label>
            Header is on row{' '}
            <input type="number" min={1} step={1} inputMode="numeric" value={headerRow} onChange={(e) => setHeaderRow(e.target.value)} aria-describedby="header-row-help" style={{ width: '5em' }} />
          </label>
          <button type="submit" disabled={!headerRowValid || Number(headerRow) === prep.headerRow}>Read again</button>
          <span id="header-row-help" className="muted">The row that holds the column names; rows above it are skipped.</span>
        </form>
      )}
      {prep.notes.length > 0 && <ul className="notes">{prep.notes.map((n) => <li key={n}>{n}</li>)}</ul>}

      <fieldset className="field-row">
        <legend>Extract type</legend>
        <label><input type="radio" name="extract-type" checked={extractType === 'patient'} onChange={() => setExtractType('patient')} /> Patient-level audit extract</label>
        <label><input type="radio" name="extract-type" checked={extractType === 'kpi'} onChange={() => setExtractType('kpi')} /> Centre-level KPI extract</label>
      </fieldset>
      {remembered && <p className="notice" role="status">Using the mapping you confirmed before for these columns.</p>}

      {prep.identifiers.length > 0 && (
        <div className="identifier-guard" role="group" aria-labelledby="identifiers-title">
          <h3 id="identifiers-title">Direct identifiers found</h3>
          <p>These columns identify people. By default they are dropped (or pseudonymised with a key kept on this machine) before anything is stored.</p>
          <table className="compact">
            <thead><tr><th scope="col">Column</th><th scope="col">Holds</th><th scope="col">Why</th><th scope="col">Action</th></tr></thead>
            <tbody>
              {prep.identifiers.map((c) => (
                <tr key={c.column} className={actions[c.column] === 'keep' ? 'warning' : ''}>
                  <th scope="row">{c.column}</th>
                  <td>{IDENTIFIER_LABELS[c.kind] ?? c.kind}</td>
                  <td className="muted">{c.evidence}</td>
                  <td>
                    <select aria-label={`Action for identifier column ${c.column}`} value={actions[c.column]} onChange={(e) => setActions({ ...actions, [c.column]: e.target.value as IdentifierChoice })}>
                      <option value="drop">Drop</option>
                      <option value="pseudonymise">Pseudonymise</option>
                      <option value="keep">Keep (identifiable)</option>
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {kept.length > 0 && <p className="alert" role="alert">You chose to keep identifiable data ({kept.join(', ')}). The dataset will say so wherever it is shown.</p>}
        </div>
      )}

      {prep.ambiguousDates.some((d) => actions[d.column] !== 'drop') && (
        <div role="group" aria-labelledby="dates-title">
          <h3 id="dates-title">Dates that read both ways</h3>
          {prep.ambiguousDates.filter((d) => actions[d.column] !== 'drop').map((d) => (
            <fieldset key={d.column} className="field-row">
              <legend>{d.column}{d.example ? ` (e.g. ${d.example})` : ''}{d.contradictory ? ': values disagree; check the source' : ''}</legend>
              <label><input type="radio" name={`order-${d.column}`} checked={dateOrders[d.column] === 'dmy'} onChange={() => setDateOrders({ ...dateOrders, [d.column]: 'dmy' })} /> Day first (dd/mm/yyyy, UK)</label>
              <label><input type="radio" name={`order-${d.column}`} checked={dateOrders[d.column] === 'mdy'} onChange={() => setDateOrders({ ...dateOrders, [d.column]: 'mdy' })} /> Month first (mm/dd/yyyy)</label>
            </fieldset>
          ))}
        </div>
      )}

      <h3>Columns</h3>
      <div className="mapping__scroll">
        <table className="compact mapping__table">
          <thead>
            <tr><th scope="col">Column in file</th><th scope="col">Workbench field</th><th scope="col">Matched by</th><th scope="col">First values</th></tr>
          </thead>
          <tbody>
            {prep.headers.map((header, i) => {
              const match = prep.suggestion.matches[header];
              return (
                <tr key={header}>
                  <th scope="row">{header}</th>
                  <td>
                    <select aria-label={`Field for column ${header}`} value={mapping[header] ?? ''} onChange={(e) => setMapping({ ...mapping, [header]: e.target.value || null })}>
                      <option value="">(keep as is)</option>
                      {fields.map((f) => <option key={f.name} value={f.name}>{f.label} ({f.name})</option>)}
                    </select>
                  </td>
                  <td className="muted">{mapping[header] && match && mapping[header] === prep.suggestion.mapping[header] ? match.how : mapping[header] ? 'you' : ''}</td>
                  <td className="muted preview-values">{prep.preview.rows.slice(0, 3).map((r) => r[i] ?? '∅').join(' · ')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {blocked.length > 0 && (
        <div role="group" aria-labelledby="blocked-title">
          <h3 id="blocked-title">Fields no column is mapped to</h3>
          <p className="muted">Map a column to one of these to work out the measures that need it.</p>
          <ul className="blocked-fields">
            {blocked.map((b) => (
              <li key={b.field}><strong>{b.label}</strong>: needed for {b.measures.join(', ')}</li>
            ))}
          </ul>
        </div>
      )}
      {issues.length > 0 && (
        <ul className="alert" role="alert" aria-label="Mapping problems">{issues.map((issue) => <li key={issue.message}>{issue.message}</li>)}</ul>
      )}
      <div className="button-row">
        <button type="button" className="primary" disabled={issues.length > 0} onClick={() => onConfirm({ mapping, dateOrders, identifierActions: actions })}>
          Import {prep.rowsRead.toLocaleString('en-GB')} rows
        </button>
        <button type="button" onClick={exportMapping}>Save mapping for msvw</button>
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
    </section>
  );
}
