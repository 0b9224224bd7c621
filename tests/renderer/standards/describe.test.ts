import { describe, expect, it } from 'vitest';
import { SHIPPED_STANDARDS, type Standard } from '../../../shared/standards';
import { clauseText, criterionText, familyOf, percent, populationText, searchStandards, tierRows } from '../../../renderer/src/components/standards/describe';

function shipped(id: string): Standard {
  const found = SHIPPED_STANDARDS.find((s) => s.id === id);
  if (!found) throw new Error(`no shipped standard ${id}`);
  return found;
}

describe('standards in words', () => {
  it('groups the shipped catalogue by source family, status measures together', () => {
    expect(familyOf(shipped('4plus4-overall'), false)).toBe('4+4');
    expect(familyOf(shipped('bh-referral-to-mri'), false)).toBe('Brain Health');
    expect(familyOf(shipped('qs108-s6-annual-review'), false)).toBe('NICE QS108');
    expect(familyOf(shipped('metrics-dmt-offer-8w'), false)).toBe('UK MS metrics');
    expect(familyOf(shipped('status-bmi-recorded'), false)).toBe('status');
    expect(familyOf(shipped('status-mri-12m'), true)).toBe('added');
    expect(SHIPPED_STANDARDS.filter((s) => familyOf(s, false) === 'other')).toEqual([]);
  });

  it('describes populations and conditions with field labels', () => {
    expect(populationText([])).toBe('Everyone in the extract');
    expect(populationText(shipped('status-high-efficacy-dmt').population)).toBe('MS type is one of RRMS; and DMT name is recorded');
    expect(clauseText({ field: 'mri_date', op: 'withinDaysOfAsOf', days: 365 })).toBe('MRI date is within 365 days before the as-of date');
    expect(criterionText(shipped('4plus4-part1'))).toBe('Referral date to First seen by MS specialist within 28 days');
  });

  it('lists tiers core first, with the default required share marked', () => {
    expect(tierRows(shipped('bh-referral-to-seen'))).toEqual([
      { tier: 'core', days: 28, share: '80% (default)' },
      { tier: 'achievable', days: 14, share: '80% (default)' },
      { tier: 'aspirational', days: 7, share: '80% (default)' },
    ]);
    expect(tierRows(shipped('4plus4-part1'))).toEqual([]);
    const lower = { ...shipped('status-emergency-admissions'), tierTargets: { core: 0.2, achievable: 0.15, aspirational: 0.1 } } as Standard;
    expect(tierRows(lower)[0]).toEqual({ tier: 'core', days: null, share: 'at most 20%' });
    expect(percent(0.675)).toBe('67.5%');
  });

  it('finds standards by phrase, else by all words of title, id or source', () => {
    // The Brain Health standard's notes say its core time frame is "as 4+4 part 1".
    expect(searchStandards(SHIPPED_STANDARDS, ' 4+4  Part 1').map((s) => s.id)).toEqual(['4plus4-part1', 'bh-referral-to-seen']);
    expect(searchStandards(SHIPPED_STANDARDS, 'hobart mri').map((s) => s.id)).toEqual(['bh-referral-to-mri']);
    expect(searchStandards(SHIPPED_STANDARDS, 'qs108-s5').map((s) => s.id)).toEqual(['qs108-s5-relapse-14d']);
    expect(searchStandards(SHIPPED_STANDARDS, '  ')).toHaveLength(SHIPPED_STANDARDS.length);
    expect(searchStandards(SHIPPED_STANDARDS, 'no such standard')).toEqual([]);
  });
});
