/**
 * The print view: the report document alone on the page, with a toolbar (hidden when printing) to
 * print or save as PDF, add the patient-partner page, or go back. The document is the shared
 * builder's HTML, attached in a shadow root with constructed stylesheets so it renders under the
 * app's strict Content-Security-Policy exactly as the self-contained file prints (see report-dom).
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { host } from '../../host';
import type { BuiltReport, ReportRequest } from '../../state/report';
import { reportParts } from './report-dom';
import './report.css';

/** The host's PDF writer in the desktop app (Electron's printToPDF); the browser's print dialog saves PDFs instead. */
function pdfWriter(): Pick<typeof host, 'savePdf'> | null {
  return host.kind === 'electron' ? host : null;
}

export function ReportView({ request, onClose }: { request: ReportRequest; onClose: () => void }) {
  const [patientSummary, setPatientSummary] = useState(false);
  const [built, setBuilt] = useState<BuiltReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const writer = pdfWriter();
  const hostRef = useRef<HTMLDivElement>(null);
  const backRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let live = true;
    setBuilt(null);
    setError(null);
    request.build({ patientSummary }).then(
      (report) => { if (live) setBuilt(report); },
      (err: unknown) => { if (live) setError(err instanceof Error ? err.message : String(err)); },
    );
    return () => { live = false; };
  }, [request, patientSummary]);

  useEffect(() => { backRef.current?.focus(); }, []);

  // Attach the document: body nodes in a shadow root, its CSS as constructed sheets, @page on the document.
  useLayoutEffect(() => {
    const el = hostRef.current;
    if (!el || built === null) return;
    const parts = reportParts(built.bodyHtml, built.css);
    const shadow = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
    shadow.replaceChildren(...parts.nodes);
    shadow.adoptedStyleSheets = [parts.shadowSheet];
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, parts.pageSheet];
    const previousTitle = document.title;
    // The print dialog and Chromium's "Save as PDF" name the file after the document title.
    document.title = request.fileStem;
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== parts.pageSheet);
      document.title = previousTitle;
    };
  }, [built, request.fileStem]);

  return (
    <div className="report-view">
      <div className="report-view__toolbar" role="toolbar" aria-label="Report">
        <button type="button" ref={backRef} onClick={onClose}>← Back</button>
        <h2 className="report-view__title">{request.title}</h2>
        {request.offersPatientSummary && (
          <label className="check">
            <input type="checkbox" checked={patientSummary} onChange={(e) => setPatientSummary(e.target.checked)} />
            Add a summary page for patient partners
          </label>
        )}
        {writer && (
          <button type="button" disabled={built === null} onClick={() => void writer.savePdf({ suggestedName: `${request.fileStem}.pdf` }).then(
            (name) => { if (name) setSaved(`Saved as ${name}.`); },
            (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
          )}>Save as PDF</button>
        )}
        <button type="button" className="primary" disabled={built === null} onClick={() => void host.print()}>{writer ? 'Print' : 'Print or save as PDF'}</button>
      </div>
      {saved && <p className="report-view__status" role="status">{saved}</p>}
      {error && <p className="alert" role="alert">The report could not be built or saved: {error}</p>}
      {built === null && !error && <p className="muted report-view__status" role="status">Building the report…</p>}
      <div className="report-view__paper">
        <div ref={hostRef} className="report-view__document" role="document" aria-label={request.title} aria-busy={built === null} />
      </div>
    </div>
  );
}
