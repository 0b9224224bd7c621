import { describe, expect, it } from 'vitest';
import { tierSummary } from '../../../shared/analysis/tiers';
import { findStandard, SHIPPED_STANDARDS } from '../../../shared/standards/catalogue';
import type { Standard } from '../../../shared/standards/schema';
import { buildTable } from './build-table';

const shipped = (id: string): Standard => findStandard(SHIPPED_STANDARDS, id) as Standard;

describe('tier summary across standards', () => {
  const rows: [string, number][] = [];
  for (const w of [5, 5, 5, 5, 12]) rows.push(['A', w]);
  for (const w of [5, 12, 12, 12, 20, 20]) rows.push(['B', w]);
  for (const w of [40, 40, 40]) rows.push(['C', w]);
  const table = buildTable({
    centre_code: rows.map((r) => r[0]),
    referral_date: rows.map(() => '2024-01-01'),
    first_seen_date: rows.map((r) => new Date(Date.UTC(2024, 0, 1 + r[1])).toISOString().slice(0, 10)),
  });
  const summary = tierSummary(table, [shipped('bh-referral-to-seen'), shipped('4plus4-part1'), shipped('4plus4-part2')], { asOf: '2024-06-30' });

  it('counts centres and their patients per tier class', () => {
    expect(summary[0].groups).toEqual({ aspirational: 1, achievable: 0, core: 1, 'below core': 1, unclassed: 0 });
    expect(summary[0].patients).toEqual({ aspirational: 5, achievable: 0, core: 6, 'below core': 3, unclassed: 0 });
  });

  it('reports standards without tiers as unclassed', () => {
    expect(summary[1].groups.unclassed).toBe(3);
    expect(summary[1].patients.unclassed).toBe(14);
  });

  it('reports a standard the extract cannot measure instead of failing the whole summary', () => {
    expect(summary[2].error).toMatch(/diagnosis_date/);
    expect(summary[2].groups.unclassed).toBe(0);
  });
});
