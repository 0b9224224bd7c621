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

/**
 * Every board the attacker compares: RAA's latest month of 1-7 people, one or all of them seen in time.
 * The latest month is the only small one: the board shows no centre line, so its totals may change.
 */
export const LATEST_MONTH_VARIANTS: [number, number][] = [1, 2, 3, 4, 5, 6, 7].flatMap((k) => (k === 1 ? [[1, 1]] : [[k, 1], [k, k]]) as [number, number][]);

/** The centre with two small months in `centreTrendExtract`, and its report's as-of date. */
export const SMALL_MONTHS_CENTRE = 'RUP';
export const SMALL_MONTHS_AS_OF = '2025-05-31';

/**
 * Patients of three centres over 24 months from Apr 2023 (seen in time: 10 days; not: 40 days). RUP
 * improves: 40 a month, 14 seen in time in the first 12 months and 30 in the last 12, except Aug 2023
 * (`people` referred, `met` seen in time) and Oct 2023 (8 - people referred, 4 - met seen in time):
 * two months of 1-7 people whose totals stay 8 and 4 however they are split, outside the 12 months
 * the centre's figures cover, so everything the report publishes by design (the 12 months' figures,
 * and the chart's centre line, a segment's totals, which secondary suppression protects) stays the same. RST is
 * steady at half; RSM has 5 people.
 */
export function centreTrendExtract(people: number, met: number) {
  return buildTable(centreTrendColumns(people, met));
}

/** The same patients as `centreTrendExtract`, as the CSV text of an audit extract (for `msvw`). */
export function centreTrendCsv(people: number, met: number): string {
  const cols = centreTrendColumns(people, met);
  const names = Object.keys(cols);
  const rows = cols.patient_id.map((_, i) => names.map((c) => cols[c][i] ?? '').join(','));
  return `${[names.join(','), ...rows].join('\n')}\n`;
}

function centreTrendColumns(people: number, met: number): Record<string, (string | null)[]> {
  const cols: Record<string, (string | null)[]> = { patient_id: [], centre_code: [], centre_name: [], referral_date: [], first_seen_date: [] };
  let id = 0;
  const add = (centre: string, referral: number, wait: number) => {
    cols.patient_id.push(`P${id++}`);
    cols.centre_code.push(centre);
    cols.centre_name.push(`${centre} Hospital`);
    cols.referral_date.push(isoFromDays(referral));
    cols.first_seen_date.push(isoFromDays(referral + wait));
  };
  for (let m = 0; m < 24; m++) {
    const start = daysFromIso(`${2023 + Math.floor((m + 3) / 12)}-${String(((m + 3) % 12) + 1).padStart(2, '0')}-03`);
    const [n, x] = m === 4 ? [people, met] : m === 6 ? [8 - people, 4 - met] : [40, m < 12 ? 14 : 30];
    for (let i = 0; i < n; i++) add('RUP', start + (i % 20), i < x ? 10 : 40);
    for (let i = 0; i < 16; i++) add('RST', start + i, i % 2 === 0 ? 10 : 40);
  }
  for (let i = 0; i < 5; i++) add('RSM', daysFromIso('2025-01-10') + i, i < 2 ? 10 : 40);
  return cols;
}

/**
 * Every split of the two small months the attacker compares: Aug 2023 of 1-7 people (so Oct 2023 of
 * 7-1), with as few and as many of them seen in time as keep both months' seen in time at 1 or more
 * (a 0 would be published: zeros are not suppressed).
 */
export const SMALL_MONTH_SPLITS: [number, number][] = [1, 2, 3, 4, 5, 6, 7].flatMap((k) => {
  const low = Math.max(1, k - 4);
  const high = Math.min(k, 3);
  return (low === high ? [[k, low]] : [[k, low], [k, high]]) as [number, number][];
});
