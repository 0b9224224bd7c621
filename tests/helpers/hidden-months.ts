/**
 * Fixtures for the attacker's tests of the trend outputs: extracts where a month has a hidden count
 * (1-7 people), built for every value the count can take, so a test can require every output to be
 * byte-identical across them.
 */
import { daysFromIso, isoFromDays } from '../../shared/data/table';
import { buildTable } from '../shared/analysis/build-table';

/** First day of month i from January 2023, ISO. */
export function monthStart(i: number): string {
  return `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`;
}

/**
 * Patients of two centres over 14 months (Jan 2023 to Feb 2024). RAA: 40 a month, 20 seen in time for
 * 7 months then 26 (a shift up), and in the latest month `people` referred, `met` of them seen in
 * time. RBB: 40 a month, 24 seen in time. Seen in time: 10 days; not: 40 days (both measures agree).
 */
export function twoCentreExtract(people: number, met: number) {
  const cols: Record<string, (string | null)[]> = { patient_id: [], centre_code: [], referral_date: [], first_seen_date: [] };
  let id = 0;
  const add = (centre: string, month: number, k: number, inTime: boolean) => {
    const referral = daysFromIso(monthStart(month)) + (k % 20);
    cols.patient_id.push(`P${id++}`);
    cols.centre_code.push(centre);
    cols.referral_date.push(isoFromDays(referral));
    cols.first_seen_date.push(isoFromDays(referral + (inTime ? 10 : 40)));
  };
  for (let m = 0; m < 14; m++) {
    const [n, x] = m === 13 ? [people, met] : [40, m < 7 ? 20 : 26];
    for (let k = 0; k < n; k++) add('RAA', m, k, k < x);
    for (let k = 0; k < 40; k++) add('RBB', m, k, k < 24);
  }
  return buildTable(cols);
}

/** Every board the attacker compares: RAA's latest month of 1-7 people, one or all of them seen in time. */
export const LATEST_MONTH_VARIANTS: [number, number][] = [1, 2, 3, 4, 5, 6, 7].flatMap((k) => (k === 1 ? [[1, 1]] : [[k, 1], [k, k]]) as [number, number][]);

