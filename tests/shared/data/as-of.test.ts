import { describe, expect, it } from 'vitest';
import { EARLIEST_PLAUSIBLE_DATE, extractAsOf, latestDateNotAfter, todayDays } from '../../../shared/data/as-of';
import { daysFromIso, type ColumnarTable } from '../../../shared/data/table';
import { defaultAsOf as measureAsOf } from '../../../shared/analysis/measure';
import { defaultAsOf as validateAsOf } from '../../../shared/io/validate';

const d = (iso: string): number => daysFromIso(iso);
const runDate = d('2026-11-23');

function table(columns: Record<string, (string | null)[] | string[]>, texts: Record<string, string[]> = {}): ColumnarTable {
  const cols = Object.entries(columns).map(([name, values]) => ({ name, kind: 'date' as const, values: Float64Array.from(values, (v) => (v === null ? Number.NaN : d(v))) }));
  const textCols = Object.entries(texts).map(([name, values]) => ({ name, kind: 'text' as const, codes: Int32Array.from(values, (_, i) => i), dictionary: values }));
  const rowCount = (cols[0]?.values.length ?? textCols[0]?.codes.length) ?? 0;
  return { rowCount, columns: [...cols, ...textCols] } as unknown as ColumnarTable;
}

describe('the as-of rule (domain.md, "Open clocks": latest date in the extract)', () => {
  it('takes the latest date across every list', () => {
    expect(latestDateNotAfter([[d('2024-01-01'), d('2024-03-01')], [d('2024-02-10')]], runDate)).toBe(d('2024-03-01'));
  });

  it('leaves out dates after the run date (a mistyped 2042 is not when the extract was taken)', () => {
    expect(latestDateNotAfter([[d('2042-02-06'), d('2024-03-01')]], runDate)).toBe(d('2024-03-01'));
    expect(latestDateNotAfter([[runDate, runDate + 1]], runDate)).toBe(runDate);
  });

  it('leaves out dates before 1900 and missing dates, and gives null when nothing is left', () => {
    expect(latestDateNotAfter([[EARLIEST_PLAUSIBLE_DATE - 1, Number.NaN]], runDate)).toBeNull();
    expect(latestDateNotAfter([[EARLIEST_PLAUSIBLE_DATE]], runDate)).toBe(EARLIEST_PLAUSIBLE_DATE);
    expect(latestDateNotAfter([], runDate)).toBeNull();
  });

  it('reads only the date columns of a table, and is the rule the import and the measures use', () => {
    const t = table({ referral_date: ['2024-01-01', null], first_seen_date: ['2042-02-06', '2024-05-02'] }, { centre_code: ['RTH', 'RGT'] });
    expect(extractAsOf(t, runDate)).toBe(d('2024-05-02'));
    expect(validateAsOf(t, runDate)).toBe(d('2024-05-02'));
    expect(measureAsOf(t, runDate)).toBe(d('2024-05-02'));
    expect(extractAsOf(table({}, { centre_code: ['RTH'] }), runDate)).toBeNull();
    expect(measureAsOf(table({}, { centre_code: ['RTH'] }), runDate)).toBeNaN();
  });

  it('runs on today by default', () => {
    const t = table({ referral_date: ['2024-01-01'] });
    expect(extractAsOf(t)).toBe(d('2024-01-01'));
    expect(todayDays()).toBe(Math.floor(Date.now() / 86_400_000));
  });
});
