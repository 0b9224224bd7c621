import { describe, expect, it } from 'vitest';
import {
  exportCatalogue, findStandard, importCatalogue, mergeCatalogue, SHIPPED_INPUT, SHIPPED_STANDARDS, standardFields, validateCatalogue,
} from '../../../shared/standards/catalogue';
import { DMT_EFFICACY_CATEGORIES, dmtEfficacy, HIGH_EFFICACY_DMTS } from '../../../shared/standards/dmt';
import { MS_NURSE_ADMIN_WTE_PER_NURSE, MS_NURSE_CASELOAD_PER_WTE, msNurseWte } from '../../../shared/standards/business-case';
import { isTiered, StandardSchema, type Standard } from '../../../shared/standards/schema';
import { fieldDefinition, KPI_FIELDS, PATIENT_FIELDS } from '../../../shared/schema/fields';

const canonical = new Set([...PATIENT_FIELDS, ...KPI_FIELDS].map((f) => f.name));

describe('shipped catalogue', () => {
  it('validates against the schema with unique ids', () => {
    const check = validateCatalogue(JSON.parse(JSON.stringify(SHIPPED_STANDARDS)));
    expect(check.ok).toBe(true);
    expect(new Set(SHIPPED_STANDARDS.map((s) => s.id)).size).toBe(SHIPPED_STANDARDS.length);
  });

  it('is built without the schema at start-up, yet equals the schema\'s output for the shipped entries, key order included', () => {
    // shipped.ts fills in the defaults itself so nothing builds zod schemas just to list the catalogue.
    const check = validateCatalogue(SHIPPED_INPUT);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(SHIPPED_STANDARDS).toEqual(check.standards);
    expect(JSON.stringify(SHIPPED_STANDARDS)).toBe(JSON.stringify(check.standards));
    expect(exportCatalogue(SHIPPED_STANDARDS)).toBe(exportCatalogue(check.standards));
    expect(Object.isFrozen(SHIPPED_STANDARDS[0])).toBe(true);
  });

  it('references only real canonical fields, of the kind each use needs', () => {
    for (const s of SHIPPED_STANDARDS) {
      for (const f of standardFields(s)) expect(canonical.has(f), `${s.id} reads ${f}`).toBe(true);
      const dates = s.kind === 'interval' ? [s.startField, s.endField]
        : s.kind === 'composite' ? s.parts.flatMap((p) => [p.startField, p.endField])
        : s.kind === 'frequency' ? [s.eventField, s.previousField, s.baselineField] : [];
      for (const f of dates) expect(fieldDefinition('patient', f)?.kind, `${s.id}: ${f} is a date`).toBe('date');
    }
  });

  it('ships 4+4 exactly as domain.md reads it, provisional', () => {
    const p1 = findStandard(SHIPPED_STANDARDS, '4plus4-part1');
    const p2 = findStandard(SHIPPED_STANDARDS, '4plus4-part2');
    const overall = findStandard(SHIPPED_STANDARDS, '4plus4-overall');
    expect(p1).toMatchObject({ kind: 'interval', startField: 'referral_date', endField: 'first_seen_date', thresholds: { single: 28 }, provenance: 'provisional' });
    expect(p2).toMatchObject({ kind: 'interval', startField: 'first_seen_date', endField: 'diagnosis_date', thresholds: { single: 28 }, provenance: 'provisional' });
    expect(overall).toMatchObject({ kind: 'composite', provenance: 'provisional' });
  });

  it('marks Brain Health tiers provisional with the paper as source, and NICE QS108 confirmed', () => {
    const bh = SHIPPED_STANDARDS.filter((s) => s.id.startsWith('bh-'));
    expect(bh.length).toBeGreaterThanOrEqual(5);
    for (const s of bh) {
      expect(s.provenance).toBe('provisional');
      expect(s.source).toContain('Hobart et al., Mult Scler 2019;25(13):1809-1818');
      expect(s.kind === 'interval' && isTiered(s.thresholds)).toBe(true);
    }
    const qs = SHIPPED_STANDARDS.filter((s) => s.id.startsWith('qs108-'));
    expect(qs.map((s) => s.provenance)).toEqual(['confirmed', 'confirmed', 'confirmed']);
    expect(findStandard(SHIPPED_STANDARDS, 'qs108-s5-relapse-14d')).toMatchObject({ thresholds: { single: 14 } });
  });

  it('lists highly effective DMTs as data used by the status measure', () => {
    const s = findStandard(SHIPPED_STANDARDS, 'status-high-efficacy-dmt');
    expect(s?.kind === 'status' && s.numerator[0].values).toEqual([...HIGH_EFFICACY_DMTS]);
    expect(s?.provenance).toBe('provisional');
  });

  it('classes DMTs in three efficacy categories (domain.md), cladribine "more effective", not highly effective', () => {
    expect(DMT_EFFICACY_CATEGORIES).toEqual(['moderately effective', 'more effective', 'highly effective']);
    expect(dmtEfficacy('Glatiramer acetate')).toBe('moderately effective');
    expect(dmtEfficacy('teriflunomide')).toBe('moderately effective');
    expect(dmtEfficacy('cladribine')).toBe('more effective');
    expect(dmtEfficacy('Tecfidera')).toBe('more effective');
    expect(dmtEfficacy('ocrelizumab')).toBe('highly effective');
    expect(dmtEfficacy('Kesimpta')).toBe('highly effective');
    expect(dmtEfficacy('aspirin')).toBeNull();
    expect(HIGH_EFFICACY_DMTS).not.toContain('cladribine');
  });

  it('does not attribute MS Brain Health day values to tiers they were not given (domain.md corrections)', () => {
    const seen = findStandard(SHIPPED_STANDARDS, 'bh-referral-to-seen');
    const diagnosis = findStandard(SHIPPED_STANDARDS, 'bh-referral-to-diagnosis');
    expect(seen?.kind === 'interval' && seen.thresholds).not.toMatchObject({ aspirational: 10 });
    expect(seen?.notes).toMatch(/first reporting symptoms to a health professional to referral to a neurologist/);
    expect(seen?.notes).toMatch(/not labelled with a tier/);
    expect(diagnosis?.kind === 'interval' && diagnosis.thresholds).not.toMatchObject({ aspirational: 28 });
    expect(diagnosis?.notes).toMatch(/within 4 weeks of referral to a neurologist/);
    expect(diagnosis?.notes).toMatch(/not aspirational/);
    for (const s of SHIPPED_STANDARDS) expect(s.notes ?? '', s.id).not.toMatch(/aspirational 10 days|aspirational 4 weeks/i);
  });

  it('offers the metrics pilot reading of 4+4 part 2 as a provisional alternative', () => {
    expect(findStandard(SHIPPED_STANDARDS, '4plus4-part2-pilot')).toMatchObject({
      kind: 'interval', startField: 'referral_date', endField: 'diagnosis_date', thresholds: { single: 28 }, provenance: 'provisional', family: '4+4',
    });
  });

  it('offers the MS nurse metric from either start event, saying which', () => {
    const fromDiagnosis = findStandard(SHIPPED_STANDARDS, 'metrics-ms-nurse-4w');
    const fromReferral = findStandard(SHIPPED_STANDARDS, 'metrics-ms-nurse-4w-referral');
    expect(fromDiagnosis).toMatchObject({ startField: 'diagnosis_date', endField: 'ms_nurse_first_contact_date', thresholds: { single: 28 } });
    expect(fromReferral).toMatchObject({ startField: 'referral_date', endField: 'ms_nurse_first_contact_date', thresholds: { single: 28 } });
    expect(fromDiagnosis?.shortTitle).toMatch(/from diagnosis/);
    expect(fromReferral?.shortTitle).toMatch(/from referral/);
  });

  it('ships the MS nurse caseload figure of 315 per WTE plus 0.6 WTE admin (MS Trust 2018)', () => {
    expect(MS_NURSE_CASELOAD_PER_WTE.value).toBe(315);
    expect(MS_NURSE_ADMIN_WTE_PER_NURSE.value).toBe(0.6);
    expect(MS_NURSE_CASELOAD_PER_WTE.source).toMatch(/358 .*withdrawn|withdrawn GEMSS figure of 358/);
    const wte = msNurseWte(630);
    expect(wte.nurses).toBe(2);
    expect(wte.admin).toBeCloseTo(1.2, 12);
  });

  it('accepts a tiered time frame with a tier absent, and refuses one with none', () => {
    const base = findStandard(SHIPPED_STANDARDS, 'bh-referral-to-seen');
    expect(validateCatalogue([{ ...base, thresholds: { achievable: 14, core: 28 } }]).ok).toBe(true);
    expect(validateCatalogue([{ ...base, thresholds: { aspirational: null, achievable: 14, core: 28 } }]).ok).toBe(true);
    const none = validateCatalogue([{ ...base, thresholds: { aspirational: null, achievable: null, core: null } }]);
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.errors[0]).toMatch(/at least one tier/);
    const order = validateCatalogue([{ ...base, thresholds: { aspirational: 20, core: 14 } }]);
    expect(order.ok).toBe(false);
  });

  it('cannot be edited in place', () => {
    const s = SHIPPED_STANDARDS[0] as { title: string };
    expect(() => { s.title = 'changed'; }).toThrow();
  });
});

describe('schema errors people can act on', () => {
  it('rejects tiers in the wrong order and names the rule', () => {
    const bad = { ...findStandard(SHIPPED_STANDARDS, 'bh-referral-to-seen'), thresholds: { core: 10, achievable: 14, aspirational: 28 } };
    const check = validateCatalogue([bad]);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.errors[0]).toMatch(/standards\[0\] \("bh-referral-to-seen"\)\.thresholds.*aspirational <= achievable <= core/);
  });

  it('rejects a filter missing its values, and duplicate ids', () => {
    const s = { id: 'x', kind: 'status', title: 't', shortTitle: 't', source: 's', provenance: 'provisional', numerator: [{ field: 'ms_type', op: 'in' }] };
    const check = validateCatalogue([s, { ...s, numerator: [{ field: 'bmi', op: 'present' }] }]);
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.errors.some((e) => /numerator\[0\]\.values: "in" needs a non-empty values list/.test(e))).toBe(true);
    }
    const dup = validateCatalogue([{ ...s, numerator: [{ field: 'bmi', op: 'present' }] }, { ...s, numerator: [{ field: 'bmi', op: 'present' }] }]);
    expect(dup.ok === false && dup.errors[0]).toMatch(/used twice/);
  });

  it('fills defaults for direction and population', () => {
    const parsed = StandardSchema.parse({ id: 'y', kind: 'interval', title: 't', shortTitle: 't', source: 's', provenance: 'confirmed', startField: 'referral_date', endField: 'first_seen_date', thresholds: { single: 7 } });
    expect(parsed.direction).toBe('higher-is-better');
    expect(parsed.population).toEqual([]);
  });
});

describe('merging user edits', () => {
  it('overrides by id, appends new standards and never mutates the shipped catalogue', () => {
    const before = JSON.stringify(SHIPPED_STANDARDS);
    const edited: Standard = { ...(findStandard(SHIPPED_STANDARDS, '4plus4-part1') as Standard), title: 'Local 4+4 part 1' } as Standard;
    const local: Standard = { ...(findStandard(SHIPPED_STANDARDS, '4plus4-part1') as Standard), id: 'local-part1', title: 'Local' } as Standard;
    const merged = mergeCatalogue(SHIPPED_STANDARDS, [edited, local]);
    expect(merged.length).toBe(SHIPPED_STANDARDS.length + 1);
    expect(findStandard(merged, '4plus4-part1')?.title).toBe('Local 4+4 part 1');
    expect(merged[merged.length - 1].id).toBe('local-part1');
    (merged[1] as { title: string }).title = 'mutated';
    expect(JSON.stringify(SHIPPED_STANDARDS)).toBe(before);
    expect(merged[0]).not.toBe(edited);
  });
});

describe('JSON import and export', () => {
  it('round-trips the catalogue', () => {
    const check = importCatalogue(exportCatalogue(SHIPPED_STANDARDS), 'standards.json');
    expect(check.ok && check.standards).toEqual(JSON.parse(JSON.stringify(SHIPPED_STANDARDS)));
  });

  it('accepts a bare list of standards', () => {
    expect(importCatalogue(JSON.stringify([SHIPPED_STANDARDS[0]]), 'mine.json').ok).toBe(true);
  });

  it('names the file and the problem for bad JSON and bad standards', () => {
    const notJson = importCatalogue('{oops', 'mine.json');
    expect(notJson.ok === false && notJson.errors[0]).toMatch(/^mine\.json: not valid JSON/);
    const bad = importCatalogue(JSON.stringify({ format: 'msvw-standards', version: 1, standards: [{ ...SHIPPED_STANDARDS[0], provenance: 'maybe' }] }), 'mine.json');
    expect(bad.ok === false && bad.errors[0]).toMatch(/^mine\.json: standards\[0\] \("4plus4-part1"\)\.provenance: provenance must be "confirmed" or "provisional"/);
    const wrongVersion = importCatalogue(JSON.stringify({ format: 'msvw-standards', version: 2, standards: [] }), 'mine.json');
    expect(wrongVersion.ok === false && wrongVersion.errors[0]).toMatch(/version must be 1/);
  });
});
