/**
 * The report's stylesheet, one string: the CLI puts it in the document's <style>; the app adopts
 * it as a constructable stylesheet (its CSP blocks inline styles), so the markup uses classes only.
 * A4 pages with 16 mm margins, a running footer (page x of y) in the page margin, each part on a
 * new page, tables that repeat their header and never split a row. System fonts only.
 */

/** Page size and margins (ISO 216 A4, 210 x 297 mm). */
export const REPORT_PAGE = Object.freeze({ size: 'A4', marginMm: 16, bottomMarginMm: 18 });

export const REPORT_CSS = `
@page { size: ${REPORT_PAGE.size}; margin: ${REPORT_PAGE.marginMm}mm ${REPORT_PAGE.marginMm}mm ${REPORT_PAGE.bottomMarginMm}mm;
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 7.5pt system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #555; }
}
.msvw-report { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 9.5pt; line-height: 1.4; color: #1a1a1a; }
.msvw-report * { box-sizing: border-box; }
.msvw-report .page { width: 210mm; min-height: 297mm; margin: 0 auto 8mm; padding: ${REPORT_PAGE.marginMm}mm; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.25); }
.msvw-report .page + .page { break-before: page; }
.msvw-report h1 { font-size: 17pt; line-height: 1.2; margin: 0 0 2mm; color: #0b2f5b; }
.msvw-report h2 { font-size: 13pt; margin: 0 0 3mm; padding-bottom: 1.5mm; border-bottom: 1.5pt solid #0b2f5b; color: #0b2f5b; }
.msvw-report h3 { font-size: 10.5pt; margin: 5mm 0 2mm; color: #0b2f5b; break-after: avoid; }
.msvw-report p { margin: 0 0 2.5mm; }
.msvw-report .subtitle { font-size: 10pt; color: #444; margin-bottom: 5mm; }
.msvw-report .meta { font-size: 8pt; color: #555; }
.msvw-report .lead { font-size: 10.5pt; }
.msvw-report .figures { display: grid; grid-template-columns: repeat(3, 1fr); gap: 3mm; margin: 4mm 0 5mm; }
.msvw-report .figure { border: 0.75pt solid #b8c4d6; border-left: 3pt solid #0b2f5b; padding: 2.5mm 3mm; break-inside: avoid; }
.msvw-report .figure .value { display: block; font-size: 14pt; font-weight: 700; color: #0b2f5b; line-height: 1.15; }
.msvw-report .figure .label { display: block; font-size: 8pt; color: #333; margin-top: 1mm; }
.msvw-report ul { margin: 0 0 3mm 5mm; padding: 0; }
.msvw-report li { margin-bottom: 1mm; }
.msvw-report table { width: 100%; border-collapse: collapse; margin: 0 0 4mm; font-size: 8.5pt; }
.msvw-report thead { display: table-header-group; }
.msvw-report tr { break-inside: avoid; }
.msvw-report th, .msvw-report td { padding: 1.2mm 1.8mm; border-bottom: 0.5pt solid #c9d1dc; vertical-align: top; text-align: left; }
.msvw-report th { background: #e8edf4; font-weight: 600; }
.msvw-report td.num, .msvw-report th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.msvw-report table.compact { font-size: 8pt; }
.msvw-report table.compact th, .msvw-report table.compact td { padding: 0.45mm 1.8mm; }
.msvw-report .input-name { display: block; font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 7pt; color: #555; }
.msvw-report tr.total td { font-weight: 700; border-top: 1pt solid #0b2f5b; }
.msvw-report tr.section td { background: #f4f6f9; font-weight: 600; }
.msvw-report td.nowrap { white-space: nowrap; }
.msvw-report td.source { font-size: 7.5pt; color: #333; }
.msvw-report .chart { margin: 2mm 0 3mm; break-inside: avoid; }
.msvw-report .chart svg { display: block; width: 100%; height: auto; max-height: 120mm; }
.msvw-report .caption { font-size: 8pt; color: #444; margin-top: 1mm; }
.msvw-report .note { font-size: 8pt; color: #444; border-left: 2pt solid #c9d1dc; padding-left: 2mm; margin: 2mm 0 3mm; }
.msvw-report .warning { font-size: 8.5pt; border: 0.75pt solid #d55e00; background: #fff4ec; padding: 2mm 3mm; margin: 2mm 0 4mm; }
.msvw-report .signoff { margin-top: 6mm; break-inside: avoid; }
.msvw-report .signoff { margin-top: 4mm; }
.msvw-report .signoff td { height: 7mm; vertical-align: bottom; }
.msvw-report .summary .warning { font-size: 7.5pt; padding: 1.5mm 2.5mm; margin: 2mm 0 2mm; }
.msvw-report .summary .warning p { margin-bottom: 1mm; }
.msvw-report .summary .figure { padding: 1.5mm 2.5mm; }
.msvw-report .summary .figure .value { font-size: 12.5pt; }
.msvw-report .summary p { font-size: 9pt; margin-bottom: 2mm; }
.msvw-report .summary p.lead { font-size: 9.5pt; }
.msvw-report .summary .subtitle { margin-bottom: 3mm; }
.msvw-report .summary li { font-size: 9pt; margin-bottom: 0.5mm; }
.msvw-report .signoff th { width: 28%; }
.msvw-report .plain { font-size: 12pt; line-height: 1.55; }
.msvw-report .plain p { margin-bottom: 3.5mm; }
.msvw-report .plain h2 { font-size: 15pt; }
.msvw-report .plain h3 { font-size: 12.5pt; margin-top: 6mm; }
.msvw-report .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 8pt; word-break: break-all; }
.msvw-report .summary h2 { font-size: 10.5pt; margin: 3.5mm 0 1.5mm; padding-bottom: 0; border-bottom: none; break-after: avoid; }
.msvw-report .reading { display: flex; gap: 3mm; align-items: center; margin: 2mm 0 3mm; break-inside: avoid; }
.msvw-report .reading .icons { display: flex; gap: 2mm; flex: none; }
.msvw-report .reading .icons svg { display: block; width: 13mm; height: 13mm; }
.msvw-report .reading p { margin: 0; }
.msvw-report .reading.inline { gap: 2mm; margin: 0 0 2mm; }
.msvw-report .reading.inline .icons svg { width: 6mm; height: 6mm; }
.msvw-report .summary .figures { margin: 3mm 0 4mm; }
.msvw-report ul.footnote { list-style: none; margin: 1mm 0 3mm; font-size: 7.5pt; color: #444; }
.msvw-report ul.footnote li { margin-bottom: 0.5mm; }
.msvw-report .methods p, .msvw-report .methods li { font-size: 8.5pt; }
.msvw-report .methods h3 { margin-top: 3.5mm; }
.msvw-report .columns { display: grid; grid-template-columns: 1fr 1fr; gap: 5mm; }
@media print {
  html, body, .msvw-report { margin: 0; padding: 0; background: #fff; }
  .msvw-report .page { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
}
@media screen {
  body { background: #e5e7eb; margin: 0; padding: 8mm 0; }
}
`;

/** The running footer's text in the page margin (left), as a rule added after REPORT_CSS. */
export function footerCss(text: string): string {
  const quoted = text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\r\n]+/g, ' ').replace(/</g, '\\3c ');
  return `@page { @bottom-left { content: "${quoted}"; font: 7.5pt system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #555; } }\n`;
}
