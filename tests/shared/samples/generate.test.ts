import { afterAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readXlsxFile from 'read-excel-file/node';
import {
  AUDIT_COLUMNS, DEFAULT_AS_OF, DEFAULT_SEED, KPI_COLUMNS, SAMPLE_KPIS, TRUST_CODE_PATTERN,
  auditWindow, csvLine, dayToIso, generateAudit, generateCentres, generateKpi, kpiPeriods,
  patientCells, plannedDefects, type GeneratedPatient, type PatientRecord,
} from '../../../samples/generator';
import { COMMITTED_DIR, SampleUsageError, main, parseSampleArgs } from '../../../samples/generate';
import { writeSamples } from '../../../samples/write';
import { PATIENT_FIELDS, KPI_FIELDS } from '../../../shared/schema/fields';

const ROWS = 20_000;
const run: GeneratedPatient[] = [...generateAudit({ rows: ROWS })];
const records = run.map((p) => p.record);
const { asOfDay, startDay } = auditWindow(DEFAULT_AS_OF);
const clean = run.filter((p) => p.defect === null).map((p) => p.record);

/** FNV-1a over every CSV line of a run. */
function hashRows(rows: Iterable<GeneratedPatient>): string {
  let h = 0x811c9dc5;
  for (const p of rows) {
    const line = csvLine(patientCells(p.record)) + '\n';
    for (let i = 0; i < line.length; i += 1) h = Math.imul(h ^ line.charCodeAt(i), 0x01000193) >>> 0;
  }
  return h.toString(16);
}

/** 4+4 part 1 for one row per domain.md: true met, false breach, null excluded (running or invalid). */
function part1Met(r: PatientRecord): boolean | null {
  if (r.referral_date === null || r.referral_date > asOfDay) return null;
  if (r.first_seen_date === null) return asOfDay - r.referral_date > 28 ? false : null;
  if (r.first_seen_date < r.referral_date || r.first_seen_date > asOfDay) return null;
  return r.first_seen_date - r.referral_date <= 28;
}

/** Crude met / eligible counts grouped by a key. */
function shares(rows: PatientRecord[], key: (r: PatientRecord) => string | null): Map<string, { met: number; n: number }> {
  const out = new Map<string, { met: number; n: number }>();
  for (const r of rows) {
    const k = key(r);
    const met = part1Met(r);
    if (k === null || met === null) continue;
    const s = out.get(k) ?? { met: 0, n: 0 };
    s.met += met ? 1 : 0;
    s.n += 1;
    out.set(k, s);
  }
  return out;
}

describe('synthetic audit generator', () => {
  it('gives identical rows for the same seed and different rows for another seed', () => {
    const again = [...generateAudit({ rows: ROWS })];
    expect(patientCells(again[0].record)).toEqual(patientCells(run[0].record));
    expect(patientCells(again[ROWS - 1].record)).toEqual(patientCells(run[ROWS - 1].record));
    expect(hashRows(again)).toBe(hashRows(run));
    expect(hashRows(generateAudit({ rows: 2000, seed: DEFAULT_SEED + 1 }))).not.toBe(hashRows(generateAudit({ rows: 2000 })));
  });

  it('writes the requested number of rows with unique pseudonymised ids (bar the planted duplicate)', () => {
    expect(run).toHaveLength(ROWS);
    expect(run.map((p) => p.row)).toEqual(Array.from({ length: ROWS }, (_, i) => i + 1));
    const ids = records.map((r) => r.patient_id);
    expect(ids.every((id) => /^P[0-9a-f]{8}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ROWS - 1);
  });

  it('spreads patients over about 120 centres with valid trust codes, invented names and 7 regions', () => {
    const centres = generateCentres(DEFAULT_SEED);
    expect(centres).toHaveLength(120);
    expect(centres.every((c) => TRUST_CODE_PATTERN.test(c.code))).toBe(true);
    expect(new Set(centres.map((c) => c.code)).size).toBe(120);
    expect(new Set(centres.map((c) => c.name)).size).toBe(120);
    expect(centres.every((c) => /NHS (Foundation )?Trust$/.test(c.name))).toBe(true);
    expect(new Set(centres.map((c) => c.region)).size).toBe(7);
    const codesInRows = new Set(clean.map((r) => r.centre_code));
    expect(codesInRows.size).toBe(120);
  });

  it('has skewed centre sizes: the largest is several times the median', () => {
    const counts = new Map<string, number>();
    for (const r of clean) counts.set(r.centre_code, (counts.get(r.centre_code) ?? 0) + 1);
    const sizes = [...counts.values()].sort((a, b) => a - b);
    const median = sizes[sizes.length >> 1];
    expect(sizes[sizes.length - 1]).toBeGreaterThan(4 * median);
    expect(sizes[0]).toBeLessThan(median / 3);
  });

  it('plants the bad rows the manifest lists, and nowhere else', () => {
    const plan = plannedDefects(ROWS);
    expect(plan.size).toBe(10);
    const bad = run.filter((p) => p.defect !== null);
    expect(bad.map((p) => p.row - 1)).toEqual([...plan.keys()]);
    for (const p of bad) {
      const r = p.record;
      const d = p.defect!;
      expect(d.kind).toBe(plan.get(p.row - 1));
      switch (d.kind) {
        case 'diagnosis_before_first_seen':
          expect(r.diagnosis_date!).toBeLessThan(r.first_seen_date!);
          break;
        case 'first_seen_before_referral':
          expect(r.first_seen_date!).toBeLessThan(r.referral_date!);
          break;
        case 'future_date':
          expect(Math.max(r.first_seen_date ?? 0, r.last_review_date ?? 0)).toBeGreaterThan(asOfDay);
          break;
        case 'malformed_centre_code':
          expect(r.centre_code).toBe('XYZ1');
          break;
        case 'blank_centre_code':
          expect(r.centre_code).toBe('');
          break;
        case 'edss_out_of_range':
          expect(r.edss).toBe(12);
          break;
        case 'imd_out_of_range':
          expect(r.imd_decile).toBe(0);
          break;
        case 'duplicate_patient_id': {
          const before = run[p.row - 2].record;
          expect(r.patient_id).toBe(before.patient_id);
          expect(r.centre_code).toBe(before.centre_code);
          break;
        }
      }
      // The manifest shows the value exactly as written to the CSV.
      expect(String(patientCells(r)[AUDIT_COLUMNS.indexOf(d.column)] ?? '')).toBe(d.value);
    }
    // Clean rows break none of these rules.
    for (const r of clean) {
      expect(TRUST_CODE_PATTERN.test(r.centre_code)).toBe(true);
      if (r.edss !== null) expect(r.edss).toBeLessThanOrEqual(9.5);
      if (r.imd_decile !== null) expect(r.imd_decile).toBeGreaterThanOrEqual(1);
      if (r.first_seen_date !== null) expect(r.first_seen_date).toBeGreaterThanOrEqual(r.referral_date!);
      if (r.diagnosis_date !== null) expect(r.diagnosis_date).toBeGreaterThanOrEqual(r.first_seen_date!);
    }
  });

  it('scales the bad rows with the file and leaves tiny files clean', () => {
    expect(plannedDefects(1_000_000).size).toBe(500);
    expect(plannedDefects(30).size).toBe(0);
  });

  it('keeps every valid date within the window, with the latest one on the as-of date', () => {
    let latest = -Infinity;
    for (const r of clean) {
      for (const f of PATIENT_FIELDS) {
        if (f.kind !== 'date') continue;
        const v = r[f.name as keyof PatientRecord] as number | null;
        if (v === null) continue;
        latest = Math.max(latest, v);
      }
      expect(r.referral_date!).toBeGreaterThanOrEqual(startDay);
    }
    expect(dayToIso(latest)).toBe(DEFAULT_AS_OF);
  });

  it('has realistic gaps: missing values, open clocks, and no DMT for most CIS and untreated people', () => {
    const blank = (f: keyof PatientRecord): number => clean.filter((r) => r[f] === null).length;
    for (const f of ['ethnicity', 'imd_decile', 'edss', 'smoking_status', 'bmi'] as const) {
      expect(blank(f)).toBeGreaterThan(ROWS * 0.005);
      expect(blank(f)).toBeLessThan(ROWS * 0.5);
    }
    const open = clean.filter((r) => r.first_seen_date === null);
    expect(open.length).toBeGreaterThan(50);
    // Open clocks are recent referrals (a long tail at the poorest centres).
    expect(open.filter((r) => r.referral_date! > asOfDay - 120).length / open.length).toBeGreaterThan(0.8);
    expect(clean.filter((r) => r.first_seen_date !== null && r.diagnosis_date === null).length).toBeGreaterThan(50);
    expect(clean.every((r) => (r.dmt_name === null) === (r.dmt_start_date === null))).toBe(true);
    const cis = clean.filter((r) => r.ms_type === 'CIS');
    expect(cis.filter((r) => r.dmt_name !== null).length / cis.length).toBeLessThan(0.15);
    const rrms = clean.filter((r) => r.ms_type === 'RRMS' && r.diagnosis_date !== null && r.diagnosis_date < asOfDay - 180);
    expect(rrms.filter((r) => r.dmt_name !== null).length / rrms.length).toBeGreaterThan(0.5);
    expect(new Set(clean.map((r) => r.ms_type))).toEqual(new Set(['CIS', 'RRMS', 'SPMS', 'PPMS']));
    for (const r of clean) if (r.edss !== null) expect(Number.isInteger(r.edss * 2)).toBe(true);
  });

  it('makes 4+4 part 1 vary between centres more than chance alone would', () => {
    const byCentre = [...shares(clean, (r) => r.centre_code).values()].filter((s) => s.n >= 100);
    const p = byCentre.map((s) => s.met / s.n);
    expect(Math.max(...p) - Math.min(...p)).toBeGreaterThan(0.5);
    // Overdispersion: Pearson chi-square per degree of freedom well above 1 (Spiegelhalter 2005).
    const total = byCentre.reduce((a, s) => ({ met: a.met + s.met, n: a.n + s.n }), { met: 0, n: 0 });
    const p0 = total.met / total.n;
    const chi2 = byCentre.reduce((a, s) => a + (s.met / s.n - p0) ** 2 / (p0 * (1 - p0) / s.n), 0);
    expect(chi2 / (byCentre.length - 1)).toBeGreaterThan(3);
  });

  it('has an IMD gradient: the most deprived wait longer', () => {
    const band = shares(clean, (r) => (r.imd_decile === null ? null : r.imd_decile <= 2 ? 'deprived' : r.imd_decile >= 9 ? 'affluent' : null));
    const deprived = band.get('deprived')!;
    const affluent = band.get('affluent')!;
    expect(affluent.met / affluent.n - deprived.met / deprived.n).toBeGreaterThan(0.08);
  });

  it('shows waits shortening over the window at some centres', () => {
    const early = shares(clean.filter((r) => r.referral_date! < startDay + 365), (r) => r.centre_code);
    const late = shares(clean.filter((r) => r.referral_date! > asOfDay - 365), (r) => r.centre_code);
    const gains = [...early.entries()]
      .filter(([code, e]) => e.n >= 40 && (late.get(code)?.n ?? 0) >= 40)
      .map(([code, e]) => late.get(code)!.met / late.get(code)!.n - e.met / e.n);
    expect(Math.max(...gains)).toBeGreaterThan(0.3);
    expect(gains.filter((g) => g > 0.2).length).toBeGreaterThanOrEqual(3);
  });
});

describe('synthetic KPI extract', () => {
  const kpi = generateKpi({ rows: ROWS });

  it('uses the canonical KPI columns, the six KPIs and 12 quarterly periods', () => {
    expect(KPI_COLUMNS).toEqual(KPI_FIELDS.map((f) => f.name));
    expect(new Set(kpi.map((r) => r.kpi_id))).toEqual(new Set(SAMPLE_KPIS.map((k) => k.id)));
    const periods = kpiPeriods(auditWindow(DEFAULT_AS_OF), 'quarter');
    expect(periods).toHaveLength(12);
    expect(dayToIso(periods[0].startDay)).toBe('2023-10-01');
    expect(dayToIso(periods[11].endDay)).toBe('2026-09-30');
    expect(new Set(kpi.map((r) => r.period_start)).size).toBe(12);
    expect(kpiPeriods(auditWindow(DEFAULT_AS_OF), 'month')).toHaveLength(36);
    expect(kpi.every((r) => r.denominator > 0 && r.numerator >= 0 && r.numerator <= r.denominator)).toBe(true);
    expect(new Set(kpi.map((r) => r.centre_code)).size).toBe(120);
  });

  it('matches the patient rows: 4+4 part 1 counts per centre agree with a direct count', () => {
    const direct = shares(records.filter((r) => TRUST_CODE_PATTERN.test(r.centre_code) && r.referral_date! >= startDay), (r) => r.centre_code);
    const fromKpi = new Map<string, { met: number; n: number }>();
    for (const r of kpi) {
      if (r.kpi_id !== '4plus4_part1') continue;
      const s = fromKpi.get(r.centre_code) ?? { met: 0, n: 0 };
      s.met += r.numerator;
      s.n += r.denominator;
      fromKpi.set(r.centre_code, s);
    }
    expect(fromKpi).toEqual(direct);
  });
});

describe('sample writer and command line', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'msvw-samples-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes CSV, KPI CSV, README and an XLSX whose dates are real dates', async () => {
    const options = parseSampleArgs(['--rows', '400', '--out', dir, '--xlsx', '--seed', '7']);
    const result = await writeSamples(options);
    expect(result.files.map((f) => f.name)).toEqual(['audit.csv', 'kpi.csv', 'audit.xlsx']);
    const csv = readFileSync(path.join(dir, 'audit.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe(PATIENT_FIELDS.map((f) => f.name).join(','));
    expect(csv).toHaveLength(402); // header, 400 rows, trailing newline
    expect(csv.some((l) => l.includes('"Black, Black British, Caribbean or African"'))).toBe(true);
    const readme = readFileSync(path.join(dir, 'README.md'), 'utf8');
    expect(readme).toContain('SYNTHETIC DATA: not real patients');
    expect(readme).toContain('duplicate_patient_id');

    const sheets = await readXlsxFile(path.join(dir, 'audit.xlsx'));
    expect(sheets.map((s) => s.sheet)).toEqual(['Audit extract', 'About']);
    const data = sheets[0].data;
    expect(data).toHaveLength(401);
    expect(data[0]).toEqual(PATIENT_FIELDS.map((f) => f.name));
    const col = PATIENT_FIELDS.findIndex((f) => f.name === 'referral_date');
    const cell: unknown = data[1][col];
    expect(cell).toBeInstanceOf(Date);
    expect((cell as Date).toISOString().slice(0, 10)).toBe(csv[1].split(',')[col]);
    expect(String(sheets[1].data[0][0])).toContain('SYNTHETIC DATA');
  });

  it('rejects bad flags with one line on stderr and exit code 2', async () => {
    expect(() => parseSampleArgs(['--rows', 'lots'])).toThrow(SampleUsageError);
    expect(() => parseSampleArgs(['--rows'])).toThrow(/needs a value/);
    expect(() => parseSampleArgs(['--as-of', '2026-02-30'])).toThrow(/real date/);
    expect(() => parseSampleArgs(['--seed', '-1'])).toThrow(/--seed/);
    expect(() => parseSampleArgs(['--rows', '2000000', '--out', dir, '--xlsx'])).toThrow(/xlsx/);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['--frobnicate'])).toBe(2);
      expect(stderr).toHaveBeenCalledTimes(1);
      const text = String(stderr.mock.calls[0][0]);
      expect(text).toMatch(/unknown option "--frobnicate"/);
      expect(text.trim().split('\n')).toHaveLength(1);
    } finally {
      stderr.mockRestore();
    }
  });

  it('regenerates the committed samples by default, workbook included', () => {
    const o = parseSampleArgs([]);
    expect(o.outDir).toBe(COMMITTED_DIR);
    expect(o.names.auditCsv).toBe('audit-sample.csv');
    expect(o.xlsx).toBe(true);
    expect(parseSampleArgs(['--out', dir]).xlsx).toBe(false);
  });

  it('the committed samples are what the generator makes today', () => {
    const committed = readFileSync(path.join(COMMITTED_DIR, 'audit-sample.csv'), 'utf8');
    const lines = committed.split('\n');
    expect(lines).toHaveLength(ROWS + 2);
    expect(lines[1]).toBe(csvLine(patientCells(records[0])));
    let h = 0x811c9dc5;
    for (const line of lines.slice(1, -1)) {
      const s = line + '\n';
      for (let i = 0; i < s.length; i += 1) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
    }
    expect(h.toString(16)).toBe(hashRows(run));
    const readme = readFileSync(path.join(COMMITTED_DIR, 'README.md'), 'utf8');
    for (const p of run.filter((x) => x.defect !== null)) {
      expect(readme).toContain(`| ${p.row} | ${p.row + 1} | ${p.record.patient_id} |`);
    }
  });
});
