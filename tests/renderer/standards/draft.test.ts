import { describe, expect, it } from 'vitest';
import { SHIPPED_STANDARDS, type Standard } from '../../../shared/standards';
import {
  STATUS_TEMPLATE,
  draftFromStandard,
  newIntervalDraft,
  standardFromDraft,
  standardFromJson,
  suggestId,
  toPercentText,
  type StandardDraft,
} from '../../../renderer/src/components/standards/draft';

function shipped(id: string): Standard {
  const found = SHIPPED_STANDARDS.find((s) => s.id === id);
  if (!found) throw new Error(`no shipped standard ${id}`);
  return structuredClone(found);
}

function edit(id: string, patch: Partial<StandardDraft>) {
  const base = shipped(id);
  return standardFromDraft({ ...draftFromStandard(base), ...patch }, base);
}

describe('standard editor form state', () => {
  it('gives back every shipped standard unchanged when nothing is edited', () => {
    for (const standard of SHIPPED_STANDARDS) {
      const result = standardFromDraft(draftFromStandard(standard), standard);
      expect(result.errors, standard.id).toEqual({});
      expect(result.standard, standard.id).toEqual(standard);
    }
  });

  it('shows a tier the standard does not have as an empty field, and an empty tier field as an absent tier', () => {
    const base = SHIPPED_STANDARDS.find((s) => s.kind === 'interval' && 'core' in s.thresholds) as Standard;
    const draft = draftFromStandard(base);
    const withAbsent = standardFromDraft({ ...draft, tierDays: { ...draft.tierDays, achievable: '' } }, base);
    expect(withAbsent.errors).toEqual({});
    expect(withAbsent.standard).toMatchObject({ thresholds: { achievable: null } });
    expect(draftFromStandard(withAbsent.standard as Standard).tierDays.achievable).toBe('');
    const none = standardFromDraft({ ...draft, tierDays: { aspirational: '', achievable: '', core: '' } }, base);
    expect(none.errors.thresholds).toMatch(/at least one tier/);
  });

  it('changes a single time frame in days', () => {
    expect(edit('4plus4-part1', { single: '35' }).standard).toMatchObject({ thresholds: { single: 35 } });
  });

  it('says in words when days are missing, fractional or not positive', () => {
    expect(edit('4plus4-part1', { single: '' }).errors['thresholds.single']).toBe('Enter the time frame in days.');
    expect(edit('4plus4-part1', { single: '2.5' }).errors['thresholds.single']).toMatch(/whole number of days/);
    expect(edit('4plus4-part1', { single: '0' }).errors['thresholds.single']).toMatch(/1 or more/);
    expect(edit('4plus4-part1', { single: '0' }).standard).toBeNull();
  });

  it('switches a single time frame to tiers, and checks tier order', () => {
    const tiered = edit('4plus4-part1', { thresholdMode: 'tiered', tierDays: { aspirational: '10', achievable: '14', core: '28' } });
    expect(tiered.standard).toMatchObject({ thresholds: { aspirational: 10, achievable: 14, core: 28 } });
    const wrong = edit('bh-referral-to-seen', { tierDays: { aspirational: '30', achievable: '14', core: '28' } });
    expect(wrong.standard).toBeNull();
    expect(wrong.errors.thresholds).toMatch(/aspirational ≤ achievable ≤ core/);
  });

  it('takes tier targets and the required share as percentages', () => {
    const result = edit('status-smoking-recorded', { useTierTargets: true, tierTargets: { core: '60', achievable: '75', aspirational: '92.5' } });
    expect(result.standard?.tierTargets).toEqual({ core: 0.6, achievable: 0.75, aspirational: 0.925 });
    expect(edit('bh-referral-to-mri', { requiredShare: '90' }).standard?.requiredShare).toBe(0.9);
    expect(edit('bh-referral-to-mri', { requiredShare: '120' }).errors.requiredShare).toMatch(/between 0 and 100/);
    expect(toPercentText(0.7)).toBe('70');
  });

  it('clears tier targets when the person turns them off', () => {
    const withTargets = { ...shipped('status-bmi-recorded'), tierTargets: { core: 0.5, achievable: 0.7, aspirational: 0.9 } };
    const result = standardFromDraft({ ...draftFromStandard(withTargets), useTierTargets: false }, withTargets);
    expect(result.standard && 'tierTargets' in result.standard).toBe(false);
  });

  it('builds population conditions, numbers for numeric fields', () => {
    const result = edit('4plus4-part1', {
      population: [
        { field: 'ms_type', op: 'in', values: 'RRMS, SPMS', days: '' },
        { field: 'edss', op: 'lte', values: '6.5', days: '' },
        { field: 'mri_date', op: 'withinDaysOfAsOf', values: '', days: '365' },
      ],
    });
    expect(result.standard?.population).toEqual([
      { field: 'ms_type', op: 'in', values: ['RRMS', 'SPMS'] },
      { field: 'edss', op: 'lte', values: [6.5] },
      { field: 'mri_date', op: 'withinDaysOfAsOf', days: 365 },
    ]);
    const bad = edit('4plus4-part1', { population: [{ field: 'edss', op: 'gte', values: 'high', days: '' }, { field: 'ms_type', op: 'in', values: '', days: '' }] });
    expect(bad.errors['population.0.values']).toMatch(/numbers/);
    expect(bad.errors['population.1.values']).toBe('Enter at least one value; separate values with commas.');
  });

  it('keeps a status measure\'s numerator from the base standard', () => {
    const result = edit('status-mri-12m', { title: 'MRI within a year' });
    expect(result.standard).toMatchObject({ kind: 'status', title: 'MRI within a year', numerator: shipped('status-mri-12m').kind === 'status' ? (shipped('status-mri-12m') as { numerator: unknown }).numerator : [] });
  });

  it('makes a new interval standard, with an id from its title', () => {
    const draft = { ...newIntervalDraft(), title: 'MRI to diagnosis in 6 weeks', shortTitle: 'MRI to diagnosis', id: suggestId('MRI to diagnosis in 6 weeks'), source: 'Trust audit plan', startField: 'mri_date', endField: 'diagnosis_date', single: '42' };
    expect(draft.id).toBe('mri-to-diagnosis-in-6-weeks');
    expect(standardFromDraft(draft, null).standard).toMatchObject({ kind: 'interval', provenance: 'provisional', thresholds: { single: 42 }, population: [] });
    expect(standardFromDraft({ ...draft, endField: 'mri_date' }, null).errors.endField).toMatch(/differ/);
    expect(standardFromDraft({ ...draft, id: 'Bad Id' }, null).errors.id).toMatch(/lower-case/);
    expect(standardFromDraft(newIntervalDraft(), null).errors).toMatchObject({ title: 'give the standard a title', source: 'cite the source of the standard' });
  });
});

describe('standard as JSON', () => {
  it('accepts the status template', () => {
    expect(standardFromJson(JSON.stringify(STATUS_TEMPLATE), null).standard).toMatchObject({ kind: 'status', id: STATUS_TEMPLATE.id });
  });

  it('explains broken JSON, a changed id and field problems', () => {
    expect(standardFromJson('{"id": ', null).errors[0]).toMatch(/not valid JSON/);
    expect(standardFromJson(JSON.stringify(shipped('4plus4-part1')), 'other-id').errors[0]).toMatch(/keep "other-id"/);
    const tiersOutOfOrder = { ...shipped('bh-referral-to-seen'), thresholds: { aspirational: 40, achievable: 14, core: 28 } };
    expect(standardFromJson(JSON.stringify(tiersOutOfOrder), null).errors.join('\n')).toMatch(/^thresholds: tier time frames must satisfy/m);
    const zeroDays = { ...shipped('bh-referral-to-seen'), thresholds: { aspirational: 0, achievable: 14, core: 28 } };
    expect(standardFromJson(JSON.stringify(zeroDays), null).errors.join('\n')).toMatch(/thresholds\.aspirational: days must be more than 0/);
    expect(standardFromJson('[1]', null).errors[0]).toMatch(/one standard as a JSON object/);
  });
});
