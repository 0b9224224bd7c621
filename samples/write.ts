/**
 * Writes synthetic samples to disk: the audit CSV (streamed in buffered chunks), the matching
 * KPI CSV, optionally the audit XLSX, and a README carrying the synthetic-data notice and the
 * bad-row manifest. Node only; the generation itself is pure (samples/generator.ts).
 */
import { closeSync, mkdirSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import writeXlsxFile from 'write-excel-file/node';
import type { Cell as XlsxCell, Row as XlsxRow, SheetData } from 'write-excel-file/node';
import {
  AUDIT_COLUMNS, CENTRE_COUNT, KPI_COLUMNS, KpiTally, SAMPLE_KPIS, WINDOW_MONTHS,
  auditWindow, csvLine, dayToIso, generateAudit, generateCentres, kpiCells, patientCells,
  type Centre, type Defect, type KpiGranularity, type PatientRecord,
} from './generator';
import { PATIENT_FIELDS } from '../shared/schema/fields';

/** Excel's last row is 1,048,576; one is the header. */
export const XLSX_MAX_ROWS = 1_048_575;
const CHUNK_CHARS = 1 << 20;
const XLSX_DATE_FORMAT = 'dd/mm/yyyy';

/** File names of one sample set inside the output folder. */
export interface SampleFileNames {
  auditCsv: string;
  kpiCsv: string;
  auditXlsx: string;
  readme: string;
}

/** What to write. */
export interface SampleWriteOptions {
  rows: number;
  seed: number;
  asOf: string;
  outDir: string;
  names: SampleFileNames;
  xlsx: boolean;
  granularity: KpiGranularity;
}

/** A bad row as listed in the manifest. */
export interface ManifestEntry {
  row: number;
  patientId: string;
  centreCode: string;
  defect: Defect;
}

/** What was written. */
export interface SampleWriteResult {
  files: Array<{ name: string; bytes: number; rows: number }>;
  manifest: ManifestEntry[];
  centres: Centre[];
  kpiRows: number;
  seconds: number;
}

/** Appends lines to a file in large chunks (joined once per chunk), so a million rows write in seconds. */
class ChunkedWriter {
  private lines: string[] = [];
  private chars = 0;
  private readonly fd: number;

  constructor(file: string) {
    this.fd = openSync(file, 'w');
  }

  /** Add one line (a newline is appended). */
  line(text: string): void {
    this.lines.push(text);
    this.chars += text.length + 1;
    if (this.chars >= CHUNK_CHARS) this.flush();
  }

  private flush(): void {
    if (this.lines.length > 0) writeSync(this.fd, this.lines.join('\n') + '\n');
    this.lines = [];
    this.chars = 0;
  }

  /** Write what is left and close the file. */
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** A patient's cells for the XLSX sheet: dates as Date objects (UTC midnight), numbers as numbers. */
function xlsxRow(rec: PatientRecord): XlsxRow {
  return AUDIT_COLUMNS.map((name, j): XlsxCell => {
    const v = rec[name];
    if (v === null) return null;
    if (PATIENT_FIELDS[j].kind === 'date') return { value: new Date((v as number) * 86_400_000), type: Date, format: XLSX_DATE_FORMAT };
    return v;
  });
}

/** Generate and write one sample set; the audit CSV is streamed, the KPI counted in the same pass. */
export async function writeSamples(opts: SampleWriteOptions): Promise<SampleWriteResult> {
  const started = performance.now();
  if (opts.xlsx && opts.rows > XLSX_MAX_ROWS) {
    throw new Error(`--xlsx can hold at most ${XLSX_MAX_ROWS.toLocaleString('en-GB')} rows (Excel's limit); lower --rows or drop --xlsx`);
  }
  mkdirSync(opts.outDir, { recursive: true });
  const centres = generateCentres(opts.seed);
  const window = auditWindow(opts.asOf);
  const tally = new KpiTally(centres, window, opts.granularity);
  const manifest: ManifestEntry[] = [];
  const sheet: SheetData = [];
  if (opts.xlsx) sheet.push(AUDIT_COLUMNS.map((name) => ({ value: name, fontWeight: 'bold' as const })));

  const auditPath = path.join(opts.outDir, opts.names.auditCsv);
  const audit = new ChunkedWriter(auditPath);
  audit.line(csvLine(AUDIT_COLUMNS as string[]));
  for (const p of generateAudit({ rows: opts.rows, seed: opts.seed, asOf: opts.asOf })) {
    audit.line(csvLine(patientCells(p.record)));
    tally.add(p.record);
    if (p.defect) manifest.push({ row: p.row, patientId: p.record.patient_id, centreCode: p.record.centre_code, defect: p.defect });
    if (opts.xlsx) sheet.push(xlsxRow(p.record));
  }
  audit.close();

  const kpiRows = tally.rows();
  const kpiPath = path.join(opts.outDir, opts.names.kpiCsv);
  const kpi = new ChunkedWriter(kpiPath);
  kpi.line(csvLine(KPI_COLUMNS as string[]));
  for (const r of kpiRows) kpi.line(csvLine(kpiCells(r)));
  kpi.close();

  const files = [
    { name: opts.names.auditCsv, bytes: statSync(auditPath).size, rows: opts.rows },
    { name: opts.names.kpiCsv, bytes: statSync(kpiPath).size, rows: kpiRows.length },
  ];
  if (opts.xlsx) {
    const xlsxPath = path.join(opts.outDir, opts.names.auditXlsx);
    await writeXlsxFile([
      { data: sheet, sheet: 'Audit extract', stickyRowsCount: 1, columns: AUDIT_COLUMNS.map((name) => ({ width: Math.max(12, name.length + 2) })) },
      { data: aboutSheet(opts), sheet: 'About', columns: [{ width: 30 }, { width: 90 }] },
    ]).toFile(xlsxPath);
    files.push({ name: opts.names.auditXlsx, bytes: statSync(xlsxPath).size, rows: opts.rows });
  }
  const result: SampleWriteResult = { files, manifest, centres, kpiRows: kpiRows.length, seconds: (performance.now() - started) / 1000 };
  writeFileSync(path.join(opts.outDir, opts.names.readme), sampleReadme(opts, result));
  return result;
}

/** The "About" sheet: says the workbook is synthetic and how it was made. */
function aboutSheet(opts: SampleWriteOptions): SheetData {
  return [
    [{ value: 'SYNTHETIC DATA: not real patients', fontWeight: 'bold' }, null],
    ['What', 'Synthetic MS audit extract for testing MS Variation Workbench; every person, centre and value is invented.'],
    ['Generator', 'samples/generator.ts (npm run samples)'],
    ['Seed', String(opts.seed)],
    ['As-of date', opts.asOf],
    ['Patients', String(opts.rows)],
    ['Sheet "Audit extract"', 'One row per person, canonical column names; dates are Excel dates.'],
    ['Deliberately bad rows', 'A few rows are broken on purpose; see samples/data/README.md for the list.'],
  ];
}

const fmtBytes = (n: number): string => (n >= 1_000_000 ? `${(n / 1_000_000).toFixed(1)} MB` : `${(n / 1000).toFixed(0)} kB`);

/** The README next to the samples: the notice, what each file is, the model, the bad rows. */
export function sampleReadme(opts: SampleWriteOptions, result: SampleWriteResult): string {
  const window = auditWindow(opts.asOf);
  const byProfile = (profile: Centre['profile']): string => result.centres.filter((c) => c.profile === profile).map((c) => c.code).join(', ');
  const improving = result.centres.filter((c) => c.trend < 0).map((c) => c.code).sort().join(', ');
  const worsening = result.centres.filter((c) => c.trend > 0).map((c) => c.code).sort().join(', ');
  const described: Record<string, string> = {
    [opts.names.auditCsv]: 'Patient-level audit extract, one row per person, canonical columns (shared/schema/fields.ts), dates ISO yyyy-mm-dd, UTF-8, LF line endings, no comment lines.',
    [opts.names.kpiCsv]: `Centre-level KPI extract matching the audit rows: centre_code, centre_name, period_start, period_end, kpi_id, numerator, denominator (${opts.granularity === 'quarter' ? 'quarterly' : 'monthly'} periods).`,
    [opts.names.auditXlsx]: 'The same patient rows as an Excel workbook: sheet "Audit extract" (dates as Excel dates) and sheet "About" (the synthetic-data notice).',
  };
  const esc = (s: string): string => s.replace(/\|/g, '\\|');
  const lines = [
    '# Synthetic MS audit samples',
    '',
    '**SYNTHETIC DATA: not real patients.** Every person, centre, code and value here is invented by',
    '`samples/generator.ts`. Centre codes have the shape of NHS trust ODS codes and may coincide with',
    'real ones by chance; the names are invented.',
    '',
    `Regenerate with \`npm run samples\` (this folder) or \`npm run samples -- --rows 1000000 --out DIR [--seed N] [--as-of yyyy-mm-dd] [--xlsx] [--monthly]\`.`,
    'The output is deterministic: the same seed, rows and as-of date give identical CSV files (the XLSX holds the same cells; only its zip timestamps change).',
    '',
    '## Files',
    '',
    '| File | Rows | Size | What it is |',
    '| --- | ---: | ---: | --- |',
    ...result.files.map((f) => `| ${f.name} | ${f.rows.toLocaleString('en-GB')} | ${fmtBytes(f.bytes)} | ${described[f.name] ?? ''} |`),
    '',
    '## Parameters',
    '',
    `- Seed: ${opts.seed}`,
    `- As-of date: ${opts.asOf} (the latest valid date in the audit extract; the last row is a referral received that day)`,
    `- Referral window: ${dayToIso(window.startDay)} to ${opts.asOf} (${WINDOW_MONTHS} months); later events are censored at as-of, so recent referrals have open clocks (no first_seen_date or diagnosis_date yet).`,
    `- Centres: ${CENTRE_COUNT} synthetic NHS trusts across the 7 NHS England regions, lognormal sizes (a few large, many small).`,
    `- Built-in variation: centre random effects on both diagnostic waits; very poor outliers ${byProfile('poor-outlier')}; very good ${byProfile('good-outlier')}; waits shorten over the window at ${improving}; lengthen at ${worsening}. More deprived IMD deciles wait longer, are offered DMT less often and miss more reviews.`,
    '- Missing values: ethnicity, IMD decile, EDSS, smoking status and BMI are blank for some people (more at centres with poorer recording); DMT fields are blank unless a DMT was offered or started; clinical fields are blank before the person is first seen.',
    '',
    '## KPI definitions (how the KPI extract was counted from the audit rows)',
    '',
    'Per domain.md "Measure semantics": interval KPIs are assigned to the period of their start date; an open clock past the threshold is a breach (in the denominator), a running one is left out; end before start or a date after as-of is invalid and left out. The review KPI is assigned to the period of last_review_date and measured from previous_review_date (or diagnosis_date when there is no previous review). Rows whose centre_code is not a known trust code are not attributable and are left out; the duplicated patient_id row is counted (it is a different person). Periods with no eligible patients are omitted.',
    '',
    '| kpi_id | Start | End | Within (days) | Population | Source |',
    '| --- | --- | --- | ---: | --- | --- |',
    ...SAMPLE_KPIS.map((k) => `| ${k.id} | ${k.start}${k.startFallback ? ` (else ${k.startFallback})` : ''} | ${k.end} | ${k.thresholdDays} | ${k.population ? k.population.join(', ') : 'all'} | ${k.source} |`),
    '',
    '## Deliberately bad rows (manifest)',
    '',
    `Row numbers count data rows from 1 (CSV line = row + 1, XLSX row = row + 1). ${result.manifest.length} bad rows:`,
    '',
    '| Row | CSV line | patient_id | centre_code | Kind | Column | Value | Note |',
    '| ---: | ---: | --- | --- | --- | --- | --- | --- |',
    ...result.manifest.map((m) => `| ${m.row} | ${m.row + 1} | ${m.patientId} | ${m.centreCode === '' ? '(blank)' : m.centreCode} | ${m.defect.kind} | ${m.defect.column} | ${m.defect.value === '' ? '(blank)' : esc(m.defect.value)} | ${esc(m.defect.note)} |`),
    '',
  ];
  return lines.join('\n');
}
