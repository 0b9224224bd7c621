import { describe, expect, it } from 'vitest';
import {
  exportCatalogue, findStandard, importCatalogue, mergeCatalogue, SHIPPED_STANDARDS, standardFields, validateCatalogue,
} from '../../../shared/standards/catalogue';
import { HIGH_EFFICACY_DMTS } from '../../../shared/standards/dmt';
import { isTiered, StandardSchema, type Standard } from '../../../shared/standards/schema';
import { fieldDefinition, KPI_FIELDS, PATIENT_FIELDS } from '../../../shared/schema/fields';

const canonical = new Set([...PATIENT_FIELDS, ...KPI_FIELDS].map((f) => f.name));

describe('shipped catalogue', () => {
  it('validates against the schema with unique ids', () => {
    const check = validateCatalogue(JSON.parse(JSON.stringify(SHIPPED_STANDARDS)));
    expect(check.ok).toBe(true);
    expect(new Set(SHIPPED_STANDARDS.map((s) => s.id)).size).toBe(SHIPPED_STANDARDS.length);
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

  it('lists high-efficacy DMTs as data used by the status measure', () => {
    const s = findStandard(SHIPPED_STANDARDS, 'status-high-efficacy-dmt');
    expect(s?.kind === 'status' && s.numerator[0].values).toEqual([...HIGH_EFFICACY_DMTS]);
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
