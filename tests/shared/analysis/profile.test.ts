import { describe, expect, it } from 'vitest';
import { centreProfile } from '../../../shared/analysis/profile';
import { findStandard, SHIPPED_STANDARDS } from '../../../shared/standards/catalogue';
import type { Standard } from '../../../shared/standards/schema';
import { wilsonInterval } from '../../../shared/stats/wilson';
import { Z95 } from '../../../shared/stats/constants';
import { buildTable } from './build-table';

const shipped = (id: string): Standard => findStandard(SHIPPED_STANDARDS, id) as Standard;

describe('centre profile against the all-centres benchmark', () => {
  // Smoking recorded: RTH 9/10, RGT 10/40, RH8 20/30, RXX 3/4. Emergency admissions: RTH 1/10, others 0.
  const centres: string[] = [];
  const smoking: (string | null)[] = [];
  const admissions: number[] = [];
  const add = (code: string, n: number, x: number, admitted: number): void => {
    for (let i = 0; i < n; i++) {
      centres.push(code);
      smoking.push(i < x ? 'Never' : null);
      admissions.push(i < admitted ? 1 : 0);
    }
  };
  add('RTH', 10, 9, 1);
  add('RGT', 40, 10, 0);
  add('RH8', 30, 20, 0);
  add('RXX', 4, 3, 0);
  const table = buildTable({ centre_code: centres, smoking_status: smoking, emergency_admissions_12m: admissions });
  const profile = centreProfile(table, 'rgt', [shipped('status-smoking-recorded'), shipped('status-emergency-admissions'), shipped('4plus4-part1')]);

  it('gives the centre value, its Wilson interval, the pooled benchmark and the spread across centres', () => {
    const row = profile[0];
    expect(row).toMatchObject({ standardId: 'status-smoking-recorded', n: 40, numerator: 10, value: 0.25, centres: 4 });
    const ci = wilsonInterval(10, 40, Z95);
    expect(row.ci).toEqual([ci.lower, ci.upper]);
    expect(row.benchmark).toBeCloseTo(42 / 84, 15);
    expect(row.spine?.q0).toBe(0.25);
    expect(row.spine?.q100).toBe(0.9);
    expect(row.comparison).toBe('worse');
  });

  it('applies the polarity of lower-is-better standards', () => {
    expect(profile[1]).toMatchObject({ direction: 'lower-is-better', value: 0 });
    expect(['better', 'similar']).toContain(profile[1].comparison);
  });

  it('reports an unmeasurable standard per row', () => {
    expect(profile[2].error).toMatch(/referral_date/);
    expect(profile[2].comparison).toBe('not compared');
  });

  it('returns no centre values for a centre that is not in the extract', () => {
    const other = centreProfile(table, 'RZZ', [shipped('status-smoking-recorded')]);
    expect(other[0]).toMatchObject({ value: null, comparison: 'not compared', centres: 4 });
  });
});
