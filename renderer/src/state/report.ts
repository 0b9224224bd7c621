/**
 * The report being shown, if any. "Report" in the Variation view or the business case opens it;
 * the app then shows only the report (the print view), so printing or saving as PDF paginates the
 * document alone. The request builds its HTML with the shared report builder on demand.
 */
import { useSyncExternalStore } from 'react';

/** Options a person can change in the print view. */
export interface ReportBuildOptions {
  /** Add the plain-English page for patient partners. */
  patientSummary: boolean;
}

/** A built report: the markup inside its <body> and its CSS (shared/report buildReport). */
export interface BuiltReport {
  bodyHtml: string;
  css: string;
}

/** What the print view shows: a title, and how to build the document. */
export interface ReportRequest {
  /** Short name shown in the print view's toolbar, e.g. "Business case: C001, 4+4 part 1". */
  title: string;
  /** Suggested file name for a saved PDF, without extension. */
  fileStem: string;
  /** Whether the plain-English page for patient partners can be added (it needs a centre). */
  offersPatientSummary: boolean;
  /** Build the report with the shared builder, run where the data lives. */
  build(options: ReportBuildOptions): Promise<BuiltReport>;
}

let current: ReportRequest | null = null;
/** The control that opened the report ("Report"), focused again when the person goes back. */
let opener: HTMLElement | null = null;
const listeners = new Set<() => void>();

/** Show a report in the print view. */
export function openReport(request: ReportRequest): void {
  opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  current = request;
  listeners.forEach((l) => l());
}

/** Leave the print view, back to where the person was (focus returns to the Report button). */
export function closeReport(): void {
  current = null;
  listeners.forEach((l) => l());
  const back = opener;
  opener = null;
  // After React has shown the app again.
  requestAnimationFrame(() => back?.focus());
}

/** The report being shown, re-rendering when it changes. */
export function useReport(): ReportRequest | null {
  return useSyncExternalStore(
    (listener) => { listeners.add(listener); return () => listeners.delete(listener); },
    () => current,
  );
}
