/**
 * Standards: browse the catalogue by source family, see each standard's provenance, edit time
 * frames, tiers and populations (kept on this computer; the shipped catalogue never changes),
 * reset to shipped, add standards, and import or export the catalogue as JSON.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Standard } from '../../../shared/standards';
import { host, readWholeFile } from '../host';
import { reloadCatalogue, useCatalogue, type ImportOutcome } from '../state/standards';
import { BADGE_EXPLANATIONS, Badge, StandardCard } from '../components/standards/StandardCard';
import { StandardForm } from '../components/standards/StandardForm';
import { FAMILY_GROUPS, familyOf, searchStandards } from '../components/standards/describe';
import '../components/standards/standards.css';

/** A message after an action, with an optional way to take it back. */
interface Notice {
  text: string;
  undo?: () => Promise<void>;
}

function errorText(error: unknown): string {
  if (error && typeof error === 'object' && 'errors' in error && Array.isArray(error.errors)) return error.errors.join('; ');
  return error instanceof Error ? error.message : String(error);
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function StandardsView() {
  const catalogue = useCatalogue();
  const [query, setQuery] = useState('');
  const [editingId, setEditingId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [imported, setImported] = useState<{ fileName: string; outcome: ImportOutcome } | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  // Read the stored edits again on opening the page (local data may have been deleted meanwhile).
  useEffect(() => { void reloadCatalogue(); }, []);

  /** Close the add form and give focus back to the button that opened it. */
  const closeAdd = () => {
    setAdding(false);
    requestAnimationFrame(() => addButton.current?.focus());
  };

  const shippedById = useMemo(() => new Map(catalogue.shipped.map((s) => [s.id, s])), [catalogue.shipped]);
  const editedCount = catalogue.edits.filter((s) => shippedById.has(s.id)).length;
  const addedCount = catalogue.edits.length - editedCount;

  const groups = useMemo(() => {
    const visible = searchStandards(catalogue.standards, query);
    return FAMILY_GROUPS.map((group) => ({
      ...group,
      standards: visible.filter((s) => familyOf(shippedById.get(s.id) ?? s, !shippedById.has(s.id)) === group.key),
    })).filter((g) => g.standards.length > 0);
  }, [catalogue.standards, query, shippedById]);
  const shown = groups.reduce((n, g) => n + g.standards.length, 0);

  /** Run an action, showing its failure in words instead of losing it. */
  const attempt = async (action: () => Promise<void>) => {
    setProblem(null);
    try {
      await action();
    } catch (error) {
      setProblem(errorText(error));
    }
  };

  const save = async (standard: Standard) => {
    await catalogue.saveStandard(standard);
    setEditingId(null);
    setNotice({ text: `Saved your changes to ${standard.shortTitle}.` });
  };

  const reset = (standard: Standard) => attempt(async () => {
    const previous = structuredClone(standard);
    await catalogue.resetStandard(standard.id);
    setNotice({ text: `${standard.shortTitle} is back to the shipped version.`, undo: () => catalogue.saveStandard(previous) });
  });

  const remove = (standard: Standard) => attempt(async () => {
    const previous = structuredClone(standard);
    await catalogue.removeAdded(standard.id);
    setNotice({ text: `Removed ${standard.shortTitle}.`, undo: () => catalogue.addStandard(previous) });
  });

  const add = async (standard: Standard) => {
    await catalogue.addStandard(standard);
    closeAdd();
    setQuery('');
    setNotice({ text: `Added ${standard.shortTitle}. It is listed under "Added on this computer".` });
  };

  const exportFile = (scope: 'merged' | 'edits') => attempt(async () => {
    const name = scope === 'merged' ? 'msvw-standards.json' : 'msvw-standards-my-edits.json';
    const saved = await host.saveFile({ suggestedName: name, mimeType: 'application/json', data: catalogue.exportJson(scope) });
    if (saved) setNotice({ text: `Saved ${scope === 'merged' ? 'the whole catalogue' : 'your edits'} as ${saved}.` });
  });

  const importFile = () => attempt(async () => {
    const [file] = await host.openFiles({ title: 'Import standards (JSON)', extensions: ['json'], multiple: false });
    if (!file) return;
    const text = new TextDecoder('utf-8').decode(await readWholeFile(file));
    setNotice(null);
    setImported({ fileName: file.name, outcome: await catalogue.importJson(text, file.name) });
  });

  return (
    <section className="standards-view" aria-labelledby="standards-title">
      <div className="panel standards-toolbar">
        <div className="standards-toolbar__intro">
          <h2 id="standards-title">Standards</h2>
          <p className="muted">
            The catalogue every analysis measures against. Your edits and additions are kept on this computer;
            the shipped catalogue is never changed and any standard can be reset to it.
          </p>
        </div>
        <div className="standards-toolbar__controls">
          <div className="standards-search">
            <label htmlFor="standards-search">Search standards</label>
            <input id="standards-search" type="search" value={query} placeholder="Title, id, source…" onChange={(e) => setQuery(e.target.value)} />
          </div>
          <div className="button-row">
            <button type="button" ref={addButton} className="primary" aria-expanded={adding} aria-controls="standards-add" onClick={() => { setAdding((a) => !a); setEditingId(null); }}>
              Add standard
            </button>
            <button type="button" onClick={() => void importFile()}>Import JSON…</button>
            <button type="button" onClick={() => void exportFile('merged')}>Export whole catalogue</button>
            <button type="button" onClick={() => void exportFile('edits')} disabled={catalogue.edits.length === 0}>Export my edits</button>
          </div>
        </div>
        <p className="standards-count" role="status">
          {shown === catalogue.standards.length ? `${count(shown, 'standard')}` : `Showing ${shown} of ${count(catalogue.standards.length, 'standard')}`}
          {' · '}{editedCount} edited locally · {addedCount} added
        </p>
        <ul className="standards-legend" aria-label="What the badges mean">
          <li><Badge kind="provisional" /> {BADGE_EXPLANATIONS.provisional.replace(/^Provisional: /, '')}</li>
          <li><Badge kind="confirmed" /> {BADGE_EXPLANATIONS.confirmed.replace(/^Confirmed: /, '')}</li>
          <li><Badge kind="edited" /> {BADGE_EXPLANATIONS.edited.replace(/^Edited locally: /, '')}</li>
        </ul>
      </div>

      {(notice || problem || imported || catalogue.saveError || catalogue.loadProblems.length > 0) && (
        <div className="standards-messages" aria-live="polite">
          {notice && (
            <p className="notice standards-notice">
              {notice.text}
              {notice.undo && (
                <button type="button" className="link" onClick={() => { const undo = notice.undo; setNotice(null); if (undo) void attempt(undo); }}>Undo</button>
              )}
              <button type="button" className="link" onClick={() => setNotice(null)}>Dismiss<span className="visually-hidden"> message</span></button>
            </p>
          )}
          {imported && <ImportSummary {...imported} onDismiss={() => setImported(null)} />}
          {problem && <p className="alert" role="alert">{problem}</p>}
          {catalogue.saveError && <p className="alert" role="alert">{catalogue.saveError}</p>}
          {catalogue.loadProblems.length > 0 && (
            <div className="alert" role="alert">
              <ul>{catalogue.loadProblems.map((p) => <li key={p}>{p}</li>)}</ul>
            </div>
          )}
        </div>
      )}

      {adding && (
        <div id="standards-add" className="panel standards-add">
          <h3>Add a standard</h3>
          <p className="muted">A new interval standard from two date fields of the audit extract; or write a status measure (or any kind) as JSON.</p>
          <StandardForm standard={null} onSubmit={add} onCancel={closeAdd} />
        </div>
      )}

      {groups.length > 1 && (
        <nav className="standards-families" aria-label="Standard families">
          <ul>
            {groups.map((g) => (
              <li key={g.key}><a href={`#family-${g.key.replace(/\W+/g, '-')}`}>{g.title} <span className="muted">({g.standards.length})</span></a></li>
            ))}
          </ul>
        </nav>
      )}

      {!catalogue.ready && <p className="muted">Reading your saved standards…</p>}
      {shown === 0 && <p className="empty">No standard matches “{query}”.</p>}

      {groups.map((group) => {
        const headingId = `family-${group.key.replace(/\W+/g, '-')}`;
        return (
          <section key={group.key} className="standards-family" aria-labelledby={headingId}>
            <h3 id={headingId} tabIndex={-1}>{group.title}</h3>
            <p className="muted standards-family__blurb">{group.blurb}</p>
            <div className="standards-grid">
              {group.standards.map((standard) => (
                <StandardCard
                  key={standard.id}
                  standard={standard}
                  shipped={catalogue.isEdited(standard.id) ? shippedById.get(standard.id) ?? null : null}
                  added={catalogue.isAdded(standard.id)}
                  editing={editingId === standard.id}
                  onEdit={() => { setEditingId(standard.id); setAdding(false); }}
                  onCancelEdit={() => setEditingId(null)}
                  onSave={save}
                  onReset={() => void reset(standard)}
                  onRemove={() => void remove(standard)}
                />
              ))}
            </div>
          </section>
        );
      })}
    </section>
  );
}

/** What an import did: counts, or the problems when nothing was imported. */
function ImportSummary({ fileName, outcome, onDismiss }: { fileName: string; outcome: ImportOutcome; onDismiss: () => void }) {
  if (outcome.errors.length) {
    return (
      <div className="alert standards-import" role="alert">
        <h3>Nothing was imported from {fileName}</h3>
        <p>Fix these problems in the file and import it again:</p>
        <ul>{outcome.errors.map((e) => <li key={e}>{e}</li>)}</ul>
        <button type="button" className="link" onClick={onDismiss}>Dismiss<span className="visually-hidden"> import problems</span></button>
      </div>
    );
  }
  return (
    <p className="notice standards-notice">
      Imported {fileName}: {outcome.added} added, {outcome.replaced} replaced, {outcome.unchanged} unchanged.
      <button type="button" className="link" onClick={onDismiss}>Dismiss<span className="visually-hidden"> import summary</span></button>
    </p>
  );
}
