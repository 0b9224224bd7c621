import { describe, expect, it } from 'vitest';
import {
  applyMapping, checkMapping, columnNameFor, detectExtractType, headerSignature, headerTokens, matchHeader, MATCH_CONFIDENCE, normaliseHeader,
  suggestMapping, uniqueHeaders, type FieldMatch,
} from '../../../shared/io/mapping';
import type { FieldDefinition } from '../../../shared/schema/fields';
import { seeded } from '../../helpers/seeded';
import { ImportError } from '../../../shared/io/import-result';
import { KPI_FIELDS, PATIENT_FIELDS } from '../../../shared/schema/fields';

describe('normaliseHeader', () => {
  it('ignores case, spacing, punctuation, underscores, accents and camelCase', () => {
    expect(normaliseHeader('  Referral_Date ')).toBe('referral date');
    expect(normaliseHeader('REFERRAL-DATE')).toBe('referral date');
    expect(normaliseHeader('referralDate')).toBe('referral date');
    expect(normaliseHeader('Date of  Diagnosis.')).toBe('date of diagnosis');
    expect(normaliseHeader('EDSS (score)')).toBe('edss score');
    expect(normaliseHeader('Centré')).toBe('centre');
    expect(normaliseHeader('IMDDecile')).toBe('imd decile');
  });
});

describe('matchHeader', () => {
  it('matches the canonical name first, then synonyms', () => {
    expect(matchHeader('centre_code', PATIENT_FIELDS)).toMatchObject({ field: 'centre_code', how: 'name' });
    expect(matchHeader('Trust Code', PATIENT_FIELDS)).toMatchObject({ field: 'centre_code', how: 'synonym' });
    expect(matchHeader('Date of diagnosis', PATIENT_FIELDS)).toMatchObject({ field: 'diagnosis_date', how: 'synonym' });
    expect(matchHeader('Gender', PATIENT_FIELDS)).toMatchObject({ field: 'sex', how: 'synonym' });
    // A trust's pseudonymised reference, as extracts often head it.
    expect(matchHeader('Patient Ref', PATIENT_FIELDS)).toMatchObject({ field: 'patient_id', how: 'synonym' });
    expect(matchHeader('Patient reference', PATIENT_FIELDS)).toMatchObject({ field: 'patient_id', how: 'synonym' });
    expect(matchHeader('EDSS', PATIENT_FIELDS)).toMatchObject({ field: 'edss', how: 'name' });
  });

  it('matches reordered words and one harmless qualifier by tokens', () => {
    expect(matchHeader('Diagnosis date of', PATIENT_FIELDS)).toMatchObject({ field: 'diagnosis_date' });
    expect(matchHeader('Onset of symptoms date', PATIENT_FIELDS)).toMatchObject({ field: 'symptom_onset_date', how: 'tokens' });
    expect(matchHeader('EDSS latest', PATIENT_FIELDS)).toMatchObject({ field: 'edss', how: 'tokens' });
    expect(matchHeader('Current smoking status', PATIENT_FIELDS)).toMatchObject({ field: 'smoking_status', how: 'tokens' });
  });

  it('leaves unclear headers unmapped rather than guessing', () => {
    expect(matchHeader('DMT start', PATIENT_FIELDS)).toBeNull();
    expect(matchHeader('Relapses in last 24 months', PATIENT_FIELDS)).toBeNull();
    expect(matchHeader('Centre region', PATIENT_FIELDS)).toBeNull();
    expect(matchHeader('Notes', PATIENT_FIELDS)).toBeNull();
    expect(matchHeader('NHS number', PATIENT_FIELDS)).toBeNull();
    expect(matchHeader('Patient name', PATIENT_FIELDS)).toBeNull();
    expect(matchHeader('', PATIENT_FIELDS)).toBeNull();
  });
});

describe('suggestMapping', () => {
  it('detects a patient extract and maps every canonical header', () => {
    const headers = PATIENT_FIELDS.map((f) => f.name);
    const s = suggestMapping(headers);
    expect(s.extractType).toBe('patient');
    for (const h of headers) expect(s.mapping[h]).toBe(h);
    expect(s.confidence).toBe(1);
    expect(s.missingRequired).toEqual([]);
  });

  it('detects a KPI extract from kpi_id / numerator / denominator and its synonyms', () => {
    const s = suggestMapping(['Trust code', 'Trust name', 'From date', 'To date', 'Indicator', 'Num', 'Denom']);
    expect(s.extractType).toBe('kpi');
    expect(s.mapping).toEqual({
      'Trust code': 'centre_code', 'Trust name': 'centre_name', 'From date': 'period_start', 'To date': 'period_end',
      Indicator: 'kpi_id', Num: 'numerator', Denom: 'denominator',
    });
    expect(detectExtractType(['centre_code', 'numerator'])).toBe('patient');
    expect(detectExtractType(KPI_FIELDS.map((f) => f.name))).toBe('kpi');
  });

  it('gives a field to one header only: the better match, else the first', () => {
    const s = suggestMapping(['Trust code', 'centre_code', 'ODS code']);
    expect(s.mapping).toEqual({ 'Trust code': null, centre_code: 'centre_code', 'ODS code': null });
    const t = suggestMapping(['Trust code', 'ODS code']);
    expect(t.mapping).toEqual({ 'Trust code': 'centre_code', 'ODS code': null });
  });

  it('reports confidence and missing required fields', () => {
    const s = suggestMapping(['patient_id', 'Notes']);
    expect(s.confidence).toBeCloseTo(0.5);
    expect(s.missingRequired).toEqual(['centre_code']);
  });
});

describe('headerSignature', () => {
  it('is stable across order, case and punctuation', () => {
    expect(headerSignature(['Centre Code', 'patient_id'])).toBe(headerSignature(['PATIENT ID', 'centre-code']));
    expect(headerSignature(['a', 'b'])).not.toBe(headerSignature(['a', 'c']));
  });
});

describe('uniqueHeaders', () => {
  it('numbers repeats and names blanks', () => {
    expect(uniqueHeaders(['Date', 'Date', '', 'Date'])).toEqual(['Date', 'Date (2)', 'column 3', 'Date (3)']);
  });
});

describe('checkMapping / applyMapping', () => {
  const headers = ['Trust', 'ODS', 'Referral'];

  it('refuses two headers mapped to one field, naming both', () => {
    const issues = checkMapping(headers, { Trust: 'centre_code', ODS: 'centre_code', Referral: 'referral_date' }, 'patient');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'duplicate_field', field: 'centre_code', headers: ['Trust', 'ODS'] });
    let thrown: unknown;
    try {
      applyMapping('audit.csv', headers, { Trust: 'centre_code', ODS: 'centre_code' });
    } catch (e) { thrown = e; }
    expect(thrown).toBeInstanceOf(ImportError);
    expect((thrown as ImportError).code).toBe('mapping');
    expect((thrown as ImportError).message).toMatch(/audit\.csv.*"Trust" and "ODS".*centre_code/);
  });

  it('refuses unknown fields, unknown headers and a missing centre', () => {
    expect(checkMapping(headers, { Trust: 'centre', ODS: 'centre_code' }, 'patient')[0].code).toBe('unknown_field');
    expect(checkMapping(headers, { Nope: 'sex', ODS: 'centre_code' }, 'patient')[0].code).toBe('unknown_header');
    expect(checkMapping(headers, { Referral: 'referral_date' }, 'patient').map((i) => i.code)).toEqual(['missing_required']);
  });

  it('completes a valid mapping with unmapped headers', () => {
    expect(applyMapping('a.csv', headers, { ODS: 'centre_code' })).toEqual({ Trust: null, ODS: 'centre_code', Referral: null });
  });
});

describe('columnNameFor', () => {
  it('uses the canonical field, else the header in snake_case', () => {
    expect(columnNameFor('Trust', 'centre_code')).toBe('centre_code');
    expect(columnNameFor('Clinic Notes (free text)', null)).toBe('clinic_notes_free_text');
  });
});

describe('matching by values', () => {
  it('suggests an unmapped column of ODS codes as the centre code, and a date column that precedes first seen as the referral date (never a date of birth)', async () => {
    const { suggestFromValues } = await import('../../../shared/io/mapping');
    const rows = 20;
    const col = (header: string, values: string[]) => {
      const dictionary = [...new Set(values)];
      return { header, dictionary, codes: Int32Array.from(values, (v) => dictionary.indexOf(v)) };
    };
    const iso = (d: number) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10);
    const columns = [
      col('Org', Array.from({ length: rows }, (_v, i) => ['RTH', 'RGT', 'RH802'][i % 3])),
      col('Born', Array.from({ length: rows }, (_v, i) => `19${50 + i}-03-01`)),
      col('D0', Array.from({ length: rows }, (_v, i) => iso(i * 5))),
      col('First seen', Array.from({ length: rows }, (_v, i) => iso(i * 5 + 20 + (i % 7)))),
    ];
    const s = suggestFromValues(suggestMapping(columns.map((c) => c.header)), columns);
    expect(s.mapping).toEqual({ Org: 'centre_code', Born: null, D0: 'referral_date', 'First seen': 'first_seen_date' });
    expect(s.matches.Org?.how).toBe('values');
    expect(s.matches.D0?.how).toBe('values');
    expect(s.missingRequired).toEqual([]);
  });
});

describe('matchHeader with its fields prepared once', () => {
  /** matchHeader as it was before the fields were prepared once: every variant normalised and tokenised per header. */
  function unprepared(header: string, fields: FieldDefinition[]): FieldMatch | null {
    const harmless = new Set(['current', 'latest', 'recent', 'most', 'value', 'score', 'recorded', 'total', 'final']);
    const norm = normaliseHeader(header);
    if (norm === '') return null;
    const byName = fields.find((f) => normaliseHeader(f.name) === norm);
    if (byName) return { field: byName.name, how: 'name', confidence: MATCH_CONFIDENCE.name };
    const bySynonym = fields.find((f) => normaliseHeader(f.label) === norm || f.synonyms.some((x) => normaliseHeader(x) === norm));
    if (bySynonym) return { field: bySynonym.name, how: 'synonym', confidence: MATCH_CONFIDENCE.synonym };
    const tokens = headerTokens(header);
    if (tokens.length === 0) return null;
    const same = (a: string[], b: string[]) => a.length === b.length && [...a].sort().every((t, i) => t === [...b].sort()[i]);
    const candidates = new Set<string>();
    for (const f of fields) {
      for (const variant of [f.name, f.label, ...f.synonyms]) {
        const vt = headerTokens(variant);
        if (vt.length === 0) continue;
        if (same(tokens, vt)) candidates.add(f.name);
        else if (tokens.length === vt.length + 1 && vt.every((t) => tokens.includes(t))) {
          const extra = tokens.filter((t) => !vt.includes(t));
          if (extra.length === 1 && harmless.has(extra[0])) candidates.add(f.name);
        }
      }
    }
    if (candidates.size !== 1) return null;
    const [field] = candidates;
    return { field, how: 'tokens', confidence: MATCH_CONFIDENCE.tokens };
  }

  it('matches exactly as the unprepared match on every field word, and on 3,000 headers made from them', () => {
    const rand = seeded(12);
    for (const fields of [PATIENT_FIELDS, KPI_FIELDS]) {
      const words = fields.flatMap((f) => [f.name, f.label, ...f.synonyms]);
      const pieces = [...new Set(words.flatMap((w) => normaliseHeader(w).split(' '))), 'latest', 'current', 'of', 'the', 'code', 'date', 'Dates', 'xyz', ''];
      const headers = [...words, ...words.map((w) => w.toUpperCase()), ...words.map((w) => `${w} latest`), ...words.map((w) => `${w}s`)];
      for (let k = 0; k < 3_000; k++) {
        const n = 1 + Math.floor(rand() * 4);
        headers.push(Array.from({ length: n }, () => pieces[Math.floor(rand() * pieces.length)]).join(rand() < 0.5 ? ' ' : '_'));
      }
      let matched = 0;
      for (const header of headers) {
        const expected = unprepared(header, fields);
        expect(matchHeader(header, fields), header).toEqual(expected);
        if (expected) matched++;
      }
      // Matches of each kind were compared, not only misses.
      expect(matched).toBeGreaterThan(words.length);
    }
  });
});
