/**
 * Dated notes of changes (PDSA) for the chosen group and measure: add, delete, "Rebase here" and
 * "Before / after" from a note. Notes are stored on this machine only (store/annotations.ts).
 */
import { UkDateInput } from '../UkDateInput';
import { formatUkDate } from '../../../../shared/output/words';
import { useState } from 'react';
import type { AnnotationRecord } from '../../store/database';
import { addAnnotation, annotationProblem, deleteAnnotation, ANNOTATION_TEXT_LIMIT } from '../../store/annotations';

export function NotesPanel({ notes, measureId, by, group, groupLabel, rebase, compareAt, onRebase, onCompare }: {
  notes: AnnotationRecord[];
  measureId: string;
  by: string;
  group: string;
  groupLabel: string;
  rebase: readonly string[];
  /** Date of the note whose before / after comparison is shown, or null. */
  compareAt: string | null;
  onRebase: (date: string) => void;
  onCompare: (date: string | null) => void;
}) {
  const [date, setDate] = useState('');
  const [text, setText] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  const add = async () => {
    const problem = annotationProblem({ date, text });
    if (problem) { setMessage(problem); return; }
    try {
      await addAnnotation({ measureId, by, group, date, text });
      setMessage(`Note added for ${formatUkDate(date)}.`);
      setDate('');
      setText('');
    } catch (err) {
      setMessage(err instanceof Error ? `Could not keep the note: ${err.message}` : 'Could not keep the note.');
    }
  };

  return (
    <section className="panel trends__notes" aria-labelledby="notes-heading">
      <h3 id="notes-heading">Changes made ({groupLabel})</h3>
      <p className="muted">Dated notes, kept on this machine, drawn on the SPC charts of this group and measure and listed in exports.</p>
      <form className="trends__note-form" aria-label="Add a note" onSubmit={(e) => { e.preventDefault(); void add(); }}>
        <UkDateInput label="Date of change" value={date} onChange={setDate} />
        <label className="trends__note-text">
          What changed
          <input type="text" value={text} maxLength={ANNOTATION_TEXT_LIMIT} placeholder="e.g. new triage clinic started" onChange={(e) => setText(e.target.value)} />
        </label>
        <button type="submit">Add note</button>
      </form>
      {message && <p role="status" className="muted">{message}</p>}
      {notes.length === 0 ? <p className="muted">No notes yet.</p> : (
        <ul className="trends__note-list" aria-label="Notes">
          {notes.map((n) => (
            <li key={n.id}>
              <span className="trends__note-date">{formatUkDate(n.date)}</span> {n.text}
              <span className="trends__note-actions">
                <button type="button" disabled={rebase.includes(n.date)} onClick={() => onRebase(n.date)} aria-label={`${rebase.includes(n.date) ? 'Rebased here' : 'Rebase here'}: ${formatUkDate(n.date)} ${n.text}`}>
                  {rebase.includes(n.date) ? 'Rebased here' : 'Rebase here'}
                </button>
                <button type="button" aria-pressed={compareAt === n.date} onClick={() => onCompare(compareAt === n.date ? null : n.date)} aria-label={`Before / after: ${formatUkDate(n.date)} ${n.text}`}>
                  Before / after
                </button>
                <button type="button" className="link" onClick={() => void deleteAnnotation(n.id)} aria-label={`Delete note: ${formatUkDate(n.date)} ${n.text}`}>
                  Delete
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
