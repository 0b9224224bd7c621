/**
 * Dated notes of changes (PDSA annotations) per group and measure, kept in the local database.
 * Views read them with useAnnotations and re-render when a note is added or deleted.
 */
import { useEffect, useState } from 'react';
import type { AnnotationRecord } from './database';
import { activeDatabase } from './datasets';

/** Longest note text kept (a note is a label on a chart, not a document). */
export const ANNOTATION_TEXT_LIMIT = 200;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A note as the person types it, before it is stored. */
export interface AnnotationDraft {
  measureId: string;
  by: string;
  group: string;
  date: string;
  text: string;
}

/** Why a draft note cannot be stored, in words the person can act on, or null when it can. */
export function annotationProblem(draft: Pick<AnnotationDraft, 'date' | 'text'>): string | null {
  if (!ISO_DATE.test(draft.date) || Number.isNaN(Date.parse(`${draft.date}T00:00:00Z`))) return 'Choose the date of the change.';
  if (!draft.text.trim()) return 'Describe the change in a few words, e.g. "new triage clinic started".';
  if (draft.text.trim().length > ANNOTATION_TEXT_LIMIT) return `Keep the note to ${ANNOTATION_TEXT_LIMIT} characters; it is drawn on the chart.`;
  return null;
}

const listeners = new Set<() => void>();
function changed(): void {
  listeners.forEach((l) => l());
}

/** Notes of one group and measure, oldest first. */
export async function listAnnotations(measureId: string, group: string, by: string): Promise<AnnotationRecord[]> {
  const rows = await activeDatabase().annotations.where('[measureId+group]').equals([measureId, group]).toArray();
  return rows.filter((r) => r.by === by).sort((a, b) => a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt));
}

/** Every note, oldest first (for the board view). */
export async function listAllAnnotations(): Promise<AnnotationRecord[]> {
  const rows = await activeDatabase().annotations.orderBy('date').toArray();
  return rows;
}

/** Store a note; throws an Error with the problem when the draft is not valid. */
export async function addAnnotation(draft: AnnotationDraft): Promise<AnnotationRecord> {
  const problem = annotationProblem(draft);
  if (problem) throw new Error(problem);
  const record: AnnotationRecord = { ...draft, text: draft.text.trim(), id: crypto.randomUUID(), createdAt: new Date().toISOString() };
  await activeDatabase().annotations.add(record);
  changed();
  return record;
}

/** Delete a note by id. */
export async function deleteAnnotation(id: string): Promise<void> {
  await activeDatabase().annotations.delete(id);
  changed();
}

/** The notes of one group and measure, kept current as notes are added and deleted. */
export function useAnnotations(measureId: string | null, group: string | null, by: string): AnnotationRecord[] {
  const [notes, setNotes] = useState<AnnotationRecord[]>([]);
  useEffect(() => {
    if (measureId === null || group === null) { setNotes([]); return; }
    let live = true;
    const load = () => { void listAnnotations(measureId, group, by).then((rows) => { if (live) setNotes(rows); }, () => { if (live) setNotes([]); }); };
    load();
    listeners.add(load);
    return () => { live = false; listeners.delete(load); };
  }, [measureId, group, by]);
  return notes;
}
