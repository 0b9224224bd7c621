/**
 * Headless variation analysis as the file streams (issue 12 item 3): the scan (field-scan.ts)
 * hands each row's centre code, start and end dates and a hash of the patient id to a tally, so no
 * column of a million rows is ever built. What the tally keeps per centre code is what the
 * analysis needs and nothing more: rows, missing starts, invalid intervals, a histogram of
 * completed waits (whole days) and the start days of open clocks. The as-of date can be settled
 * after the scan: a date is after the default as-of date exactly when it is after the run date
 * (the as-of date is the latest date not after it, shared/data/as-of.ts), so every row's status but
 * "clock running or breached" is known when the row is read, and that one waits for the as-of date.
 *
 * A byte range of the file makes one TallyPart (TallyScan, in tally-scan.ts: a module of its own, so
 * the CLI's scan worker loads only what scanning needs); parts of consecutive ranges (scanned in parallel by
 * the CLI) are combined by finishTally into the same GroupTally that analyseVariation builds from an
 * imported table, and variationFromCounts (variation.ts) makes the result: one function behind the
 * numbers of both paths. Tests compare both paths byte for byte (tests/cli/analyse-aggregate.test.ts).
 *
 * With a record walker (shared/io/read/record-index.ts), most rows never reach row(): once a
 * centre code is settled (its rows kept, its names taken: settle()), the walker tallies its rows
 * itself in WebAssembly (records.wat tally_row, the same rules as row()), and part() adds the
 * walker's tally to this one (key records merged back into file order by row). Tests hold the two
 * to the same parts (tests/shared/analysis/stream/walker-tally.test.ts).
 *
 * Where it applies (planAggregate): an interval standard with no population condition, grouped by
 * centre code, without filters or periods, on a patient extract whose every column maps to a field.
 * finishTally refuses (the caller then takes the narrow import, extract.ts) whenever the import
 * would have changed or excluded a row the tally cannot: a row without a usable centre code, a
 * repeated patient, an identifier in a kept column, a centre name that is only spaces.
 */
import { fieldDefinition } from '../../schema/fields';
import { BLANK_ROW, type RawColumn } from '../../io/raw-table';
import { findIdentifiers } from '../../io/identifiers';
import { FieldMode, ScanFallback } from '../../io/read/field-scan';
import { createRecordIndexer, type RecordIndexer } from '../../io/read/record-index';
import { inferColumnKind, normaliseCentreCode, typeColumn } from '../../io/types';
import { TOTALS_LABEL, TOTALS_ROW } from '../../io/validate';
import type { Column } from '../../data/table';
import { isoFromDays } from '../../data/table';
import { EARLIEST_PLAUSIBLE_DATE, latestDateNotAfter } from '../../data/as-of';
import type { IntervalStandard, TieredThreshold, Tier } from '../../standards/schema';
import { TIERS } from '../../standards/defaults';
import { ROW_STATUS_COUNT, RowStatus, thresholdFor } from '../measure';
import { histogramMedian, tierOf, type GroupTally } from '../variation';
import { planStream, type StreamQuery } from './plan';
import {
  addInto, centreLabels, IntList, INVALID, intervalKind, KEY_BUCKETS, KEY_STRIDE, MISSING, MISSING_DAY, NAME_ROWS, OPEN, textValues,
  type AggregatePlan, type TallyOptions, type TallyPart,
} from './tally-scan';

export { KEY_BUCKETS, TallyScan, type AggregatePlan, type TallyOptions, type TallyPart } from './tally-scan';

/** A plan for a streamed tally, or why the narrow import must be used instead. */
export function planAggregate(headers: string[], fileName: string, query: StreamQuery): AggregatePlan | { fallback: string } {
  const { standard } = query;
  if (standard.kind !== 'interval') return { fallback: 'only interval measures are tallied as they stream' };
  if (standard.population.length > 0) return { fallback: 'the measure has a population condition' };
  if ((query.by ?? 'centre_code') !== 'centre_code') return { fallback: 'grouped by another column than centre_code' };
  if (query.period) return { fallback: 'an analysis period is applied' };
  if (standard.startField === standard.endField) return { fallback: 'the measure starts and ends at the same field' };
  const base = planStream(headers, fileName, query);
  if ('fallback' in base) return base;
  const { mapping } = base;
  const column = (field: string): number => headers.findIndex((h) => mapping[h] === field);
  if (headers.some((h) => mapping[h] === null)) return { fallback: 'a column maps to no field' };
  const plan: AggregatePlan = {
    headers, mapping, modes: [...base.modes],
    centre: column('centre_code'), name: column('centre_name'), start: column(standard.startField), end: column(standard.endField), patient: column('patient_id'),
  };
  if (plan.centre < 0 || plan.start < 0 || plan.end < 0) return { fallback: 'a column the measure needs is missing' };
  for (let c = 0; c < headers.length; c++) {
    if (base.modes[c] === FieldMode.KEYS) plan.modes[c] = FieldMode.HASH;
    else if (base.modes[c] !== FieldMode.CODES) continue;
    else if (c === plan.centre || c === plan.name) plan.modes[c] = FieldMode.LABEL;
    else if (c === plan.start || c === plan.end) plan.modes[c] = FieldMode.DAY;
    else return { fallback: `column "${headers[c]}" would be kept whole` };
  }
  return plan;
}

/** What open clocks add to (finishTally). */
interface OpenCounts {
  notMet: Int32Array;
  clockRunning: Int32Array;
  startDays: Int32Array;
  tierDays: number[];
  tierDen: Int32Array[] | null;
  /** The first and last index of startDays the clocks added to so far (first > last: none). */
  written: [number, number];
}

/**
 * Add (sign 1) or take out (sign -1) n open clocks (their centre code, mapped to a group by gOf,
 * or their group when gOf is null, and their start day): breached once asOf - start passes the
 * threshold, else still running. One loop in a function of its own, so it is optimised once for
 * every part.
 */
function countOpen(
  into: OpenCounts, centres: Int32Array, starts: Int32Array, n: number, gOf: Int32Array | null, asOf: number, threshold: number, sign: number,
): void {
  const { notMet, clockRunning, startDays, tierDays, tierDen } = into;
  let [first, last] = into.written;
  for (let j = 0; j < n; j++) {
    const g = gOf === null ? centres[j] : gOf[centres[j]];
    const s = starts[j];
    const elapsed = asOf - s;
    if (elapsed > threshold) {
      notMet[g] += sign;
      const d = s - EARLIEST_PLAUSIBLE_DATE;
      startDays[d] += sign;
      if (d < first) first = d;
      if (d > last) last = d;
    } else clockRunning[g] += sign;
    if (tierDen !== null) for (let t = 0; t < tierDen.length; t++) if (elapsed > tierDays[t]) tierDen[t][g] += sign;
  }
  into.written = [first, last];
}

/** What the import would report of the extract, for the CLI's output. */
export interface TallyExtract {
  rowsRead: number;
  rowsImported: number;
  rowsExcluded: Record<string, number>;
  asOf: number;
  asOfRule: 'given' | 'latest_date_not_after_run_date';
}
/** A key's record: its part, bucket and offset in that bucket's list. */
export interface KeyRef {
  part: number;
  bucket: number;
  at: number;
}

/**
 * The keys (id hash and group) already seen earlier in the file. Bucket by bucket (each part's
 * bucket in row order, the parts in file order), a small table per bucket that stays in cache.
 * In WebAssembly where there is a record walker, else here (tests compare the two).
 */

export function repeatsOf(
  parts: readonly Pick<TallyPart, 'keyBuckets'>[], groupOf: readonly Int32Array[], indexer: RecordIndexer | null = createRecordIndexer(),
  buckets: readonly [number, number] = [0, KEY_BUCKETS],
): KeyRef[] {
  const repeats: KeyRef[] = [];
  if (indexer) {
    // The same walk in WebAssembly (records.wat repeats): it runs once per process, so JavaScript
    // would spend most of it before being optimised.
    for (let q = buckets[0]; q < buckets[1]; q++) {
      const found = indexer.repeats(parts.map((p) => p.keyBuckets[q]), groupOf);
      found.forEach((ats, k) => { for (const at of ats) repeats.push({ part: k, bucket: q, at }); });
    }
    return repeats;
  }
  // Slots of four words: the id's two hash words and group + 1 (0: empty), so a probe reads one
  // place in the table rather than the record it came from.
  let table = new Int32Array(4096);
  for (let q = buckets[0]; q < buckets[1]; q++) {
    let inBucket = 0;
    for (const part of parts) inBucket += part.keyBuckets[q].length / KEY_STRIDE;
    let size = 1024;
    while (size < inBucket * 2) size *= 2;
    if (table.length < size * 4) table = new Int32Array(size * 4);
    else table.fill(0, 0, size * 4);
    const mask = size - 1;
    for (let k = 0; k < parts.length; k++) {
      const packed = parts[k].keyBuckets[q];
      const gOf = groupOf[k];
      for (let at = 0; at < packed.length; at += KEY_STRIDE) {
        const g1 = gOf[packed[at + 3]] + 1;
        const a = packed[at + 1];
        const b = packed[at + 2];
        let slot = packed[at] & mask;
        for (;;) {
          const o = slot << 2;
          const held = table[o + 2];
          if (held === 0) { table[o] = a; table[o + 1] = b; table[o + 2] = g1; break; }
          if (held === g1 && table[o] === a && table[o + 1] === b) { repeats.push({ part: k, bucket: q, at }); break; }
          slot = (slot + 1) & mask;
        }
      }
    }
  }
  return repeats;
}

/**
 * The tally of the whole file from the parts of its consecutive byte ranges (in file order), as
 * the GroupTally analyseVariation would have counted from the imported table, or why the narrow
 * import must be used instead.
 */
/**
 * The groups of the parts' centre codes: every centre code as written, as the import types and
 * normalises it (its label), numbered in order of first appearance, parts in file order; -1 for a
 * code the import does not keep.
 */
export function partGroups(parts: readonly Pick<TallyPart, 'centres'>[]): { labels: string[]; groupOf: Int32Array[] } {
  const labelIndex = new Map<string, number>();
  const labels: string[] = [];
  const groupOf: Int32Array[] = [];
  for (const part of parts) {
    const imported = centreLabels(part.centres);
    groupOf.push(Int32Array.from(imported, (label) => {
      if (label === null) return -1;
      let g = labelIndex.get(label);
      if (g === undefined) { g = labels.length; labelIndex.set(label, g); labels.push(label); }
      return g;
    }));
  }
  return { labels, groupOf };
}

/**
 * `repeats`: the parts' repeated patients when the caller has found them already (repeatsOf over
 * partGroups, as the CLI does on two threads), else they are found here.
 */
export function finishTally(
  plan: AggregatePlan, standard: IntervalStandard, parts: TallyPart[], options: TallyOptions & { tier?: Tier }, found?: KeyRef[],
): { tally: GroupTally; extract: TallyExtract; tier: Tier | null } | { fallback: string } {
  const { labels, groupOf } = partGroups(parts);
  // The identifier guard over the kept text columns (their distinct values are what it reads).
  const distinct = (values: string[]): RawColumn['codes'] => Int32Array.from(values, (_, k) => k);
  const centreValues = [...new Set(parts.flatMap((p) => p.centres))];
  const nameValues = [...new Set(parts.flatMap((p) => p.names))];
  const kept: { header: string; column: RawColumn }[] = [{ header: plan.headers[plan.centre], column: { header: plan.headers[plan.centre], codes: distinct(centreValues), dictionary: centreValues } }];
  if (plan.name >= 0) kept.push({ header: plan.headers[plan.name], column: { header: plan.headers[plan.name], codes: distinct(nameValues), dictionary: nameValues } });
  if (findIdentifiers(kept, plan.mapping).length > 0) return { fallback: 'a kept column may hold identifiers' };
  // Rows without a usable centre: a totals row when a kept text value on it reads as a totals label,
  // else a missing or malformed centre code (validate.ts, checkCentres).
  // Blank lines first, as the import lists reader exclusions before validation's (pipeline.ts, accountFor).
  const blank = parts.reduce((n, p) => n + p.blankLines, 0);
  const excluded: Record<string, number> = blank > 0 ? { [BLANK_ROW]: blank } : {};
  const count = (reason: string): void => { excluded[reason] = (excluded[reason] ?? 0) + 1; };
  for (const part of parts) {
    const centreText = textValues(part.centres, 'centre_code');
    const nameText = textValues(part.names, 'centre_name');
    const centreTotal = centreText.map((v) => v !== null && TOTALS_LABEL.test(normaliseCentreCode(v)));
    const nameTotal = nameText.map((v) => v !== null && TOTALS_LABEL.test(v));
    for (let j = 0; j < part.badCentre.length; j++) {
      const c = part.badCentre[j];
      const nm = part.badName[j];
      if ((c >= 0 && centreTotal[c]) || (nm >= 0 && nameTotal[nm])) count(TOTALS_ROW);
      else if (c < 0 || centreText[c] === null) count('missing_centre_code');
      else count('malformed_centre_code');
    }
  }
  // Repeated patients in a centre: the import keeps only their first row (validate.ts,
  // checkDuplicatePatients), so later rows are taken back out of the tally below.
  const repeats = found ?? repeatsOf(parts, groupOf);
  if (repeats.length > 0) excluded.duplicate_patient = repeats.length;

  // The as-of date: given, or the latest date not after the run date in any date column.
  const given = options.asOf !== undefined && Number.isFinite(options.asOf);
  let asOf: number;
  if (given) asOf = options.asOf as number;
  else {
    const lists: ArrayLike<number>[] = parts.map((p) => [p.latestDay]);
    // Other date columns: their values from every range typed together, as the import types the column.
    const byColumn = new Map<number, Set<string>>();
    for (const part of parts) {
      for (const other of part.otherDates) {
        lists.push([other.latestIsoDay]);
        const set = byColumn.get(other.column) ?? new Set<string>();
        for (const v of other.values) set.add(v);
        byColumn.set(other.column, set);
      }
    }
    for (const [column, set] of byColumn) {
      const header = plan.headers[column];
      const dictionary = [...set];
      const values: RawColumn = { header, codes: distinct(dictionary), dictionary };
      const field = plan.mapping[header] ?? null;
      const kind = field ? fieldDefinition('patient', field)?.kind : inferColumnKind(values);
      if (kind !== 'date') continue;
      lists.push((typeColumn(values, 'date').column as Extract<Column, { kind: 'date' }>).values);
    }
    const latest = latestDateNotAfter(lists, options.runDate);
    if (latest === null) return { fallback: 'the extract has no dates' };
    asOf = latest;
  }

  const tier = tierOf(standard, options.tier);
  const threshold = thresholdFor(standard, tier ?? undefined);
  const groups = labels.length;
  const met = new Int32Array(groups);
  const notMet = new Int32Array(groups);
  const clockRunning = new Int32Array(groups);
  const invalid = new Int32Array(groups);
  const missing = new Int32Array(groups);
  const rows = new Int32Array(groups);
  const completed = new Int32Array(groups);
  const startDays = new Int32Array(parts[0]?.startDays.length ?? 1);
  for (const part of parts) for (let d = part.startDaysUsed[0]; d <= part.startDaysUsed[1]; d++) startDays[d] += part.startDays[d];
  const tiered = tier !== null;
  const tierDays = tiered ? TIERS.map((t) => (standard.thresholds as TieredThreshold)[t] ?? Number.NaN) : [];
  const tierMet = tiered ? TIERS.map(() => new Int32Array(groups)) : null;
  const tierDen = tiered ? TIERS.map(() => new Int32Array(groups)) : null;
  // Histograms per group (centre codes that import alike add up).
  const hist: Int32Array[] = [];
  parts.forEach((part, k) => {
    const gOf = groupOf[k];
    for (let c = 0; c < part.centres.length; c++) {
      const g = gOf[c];
      rows[g] += part.rowsOf[c];
      missing[g] += part.missingStart[c];
      invalid[g] += part.invalid[c];
      const h = part.waits[c];
      if (h.length > 0) {
        let into = hist[g];
        if (!into || into.length < h.length) {
          const wider = new Int32Array(h.length);
          if (into) wider.set(into);
          hist[g] = into = wider;
        }
        addInto(into, h, h.length);
      }
    }
  });
  // Take the repeated patients' rows back out.
  const bound = given ? asOf : options.runDate;
  const removedOpen = new IntList();
  const removedOpenStart = new IntList();
  /** Removed rows, per part, by row (for the names). */
  const removedRows = parts.map(() => new Set<number>());
  for (const { part: k, bucket, at } of repeats) {
    const record = parts[k].keyBuckets[bucket];
    const g = groupOf[k][record[at + 3]];
    removedRows[k].add(record[at + 6]);
    const s0 = record[at + 4] === MISSING_DAY ? Number.NaN : record[at + 4];
    const e0 = record[at + 5] === MISSING_DAY ? Number.NaN : record[at + 5];
    rows[g]--;
    const kind = intervalKind(s0, e0, bound);
    if (kind === MISSING) missing[g]--;
    else if (kind === INVALID) invalid[g]--;
    else if (kind === OPEN) { removedOpen.push(g); removedOpenStart.push(s0); }
    else {
      (hist[g] as Int32Array)[e0 - s0]--;
      startDays[s0 - EARLIEST_PLAUSIBLE_DATE]--;
    }
  }
  for (let g = 0; g < groups; g++) {
    const h = hist[g];
    if (!h) continue;
    for (let w = 0; w < h.length; w++) {
      const count = h[w];
      if (count === 0) continue;
      completed[g] += count;
      if (w <= threshold) met[g] += count;
      else notMet[g] += count;
      if (tierMet && tierDen) {
        for (let t = 0; t < TIERS.length; t++) {
          tierDen[t][g] += count;
          if (w <= tierDays[t]) tierMet[t][g] += count;
        }
      }
    }
  }
  // Open clocks: breached once asOf - start passes the threshold, else still running (excluded).
  // (startDays holds counts only where a part's completed waits started, or a breached clock did.)
  const open: OpenCounts = { notMet, clockRunning, startDays, tierDays, tierDen, written: [startDays.length, -1] };
  for (const part of parts) {
    if (part.startDaysUsed[0] > part.startDaysUsed[1]) continue;
    open.written = [Math.min(open.written[0], part.startDaysUsed[0]), Math.max(open.written[1], part.startDaysUsed[1])];
  }
  for (let k = 0; k < parts.length; k++) countOpen(open, parts[k].openCentre, parts[k].openStart, parts[k].openCentre.length, groupOf[k], asOf, threshold, 1);
  countOpen(open, removedOpen.data, removedOpenStart.data, removedOpen.length, null, asOf, threshold, -1);
  // The median completed wait per group, from its histogram by the analysis's own rule (histogramMedian).
  const medians = new Float64Array(groups).fill(Number.NaN);
  for (let g = 0; g < groups; g++) if (hist[g]) medians[g] = histogramMedian(hist[g] as Int32Array, completed[g]);
  const reasons = new Int32Array(ROW_STATUS_COUNT);
  // The earliest and latest start of the rows in the denominator (startRangeOf, variation.ts).
  // Looked for where anything was added only: the whole table is some 46,000 days, which took
  // 15 ms to read here, its loop run once and so not optimised.
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let d = Math.max(0, open.written[0]); d <= Math.min(startDays.length - 1, open.written[1]); d++) {
    if (startDays[d] > 0) {
      if (lo === Number.POSITIVE_INFINITY) lo = d + EARLIEST_PLAUSIBLE_DATE;
      hi = d + EARLIEST_PLAUSIBLE_DATE;
    }
  }
  // Each group's name: its first kept row with a name, earlier ranges first (groupNames, variation.ts).
  const names = new Array<string | null>(groups).fill(null);
  const nameRow = new Float64Array(groups).fill(Number.POSITIVE_INFINITY);
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k];
    const decided = names.map((n) => n !== null);
    for (let c = 0; c < part.centres.length; c++) {
      const g = groupOf[k][c];
      if (g < 0 || decided[g]) continue;
      const count = part.nameCount[c];
      let found = -1;
      for (let q = 0; q < count && found < 0; q++) if (!removedRows[k].has(part.nameRows[c * NAME_ROWS + q])) found = c * NAME_ROWS + q;
      // Every kept name row was a repeat: a later row would name the centre, and it was not kept.
      if (found < 0 && count === NAME_ROWS) return { fallback: 'a centre\'s first named rows are all repeated patients' };
      if (found >= 0 && part.nameRows[found] < nameRow[g]) {
        names[g] = part.names[part.nameCodes[found]].trim();
        nameRow[g] = part.nameRows[found];
      }
    }
  }
  if (names.some((n) => n === '')) return { fallback: 'a centre name is only spaces' };
  const numerator = new Float64Array(groups);
  const denominator = new Float64Array(groups);
  for (let g = 0; g < groups; g++) {
    reasons[RowStatus.MET] += met[g];
    reasons[RowStatus.NOT_MET] += notMet[g];
    reasons[RowStatus.CLOCK_RUNNING] += clockRunning[g];
    reasons[RowStatus.INVALID] += invalid[g];
    reasons[RowStatus.MISSING_START] += missing[g];
    numerator[g] = met[g];
    denominator[g] = met[g] + notMet[g];
  }
  const rowsRead = parts.reduce((n, p) => n + p.rows, 0);
  const imported = rowsRead - parts.reduce((n, p) => n + p.badCentre.length, 0) - repeats.length;
  const tally: GroupTally = {
    numerator, denominator, clockRunning, invalid, missing, rows, reasons,
    medians, tierMet, tierDen,
    labels, names, numeric: false, startRange: lo <= hi ? { from: isoFromDays(lo), to: isoFromDays(hi) } : null,
    asOf, thresholdDays: threshold, rowsRead: imported,
  };
  return {
    tally, tier,
    extract: {
      rowsRead: rowsRead + blank, rowsImported: imported, rowsExcluded: excluded,
      asOf, asOfRule: given ? 'given' : 'latest_date_not_after_run_date',
    },
  };
}

export { ScanFallback };
