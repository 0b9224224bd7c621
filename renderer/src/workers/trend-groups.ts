/**
 * The centres (code and name, with their region) and regions of an open extract, for the Trends
 * page's group picker. Only labels: no counts leave the worker here.
 */
import { findColumn, type ColumnarTable } from '../../../shared/data/table';

/** A centre as the picker lists it. */
export interface TrendCentre {
  code: string;
  /** Centre name from the extract (the most frequent name given for the code), or '' when absent. */
  name: string;
  region: string;
}

export interface TrendGroups {
  centres: TrendCentre[];
  regions: string[];
}

const collator = new Intl.Collator('en-GB', { numeric: true });

/** Most frequent text of `column` per code of `key` (text columns, dictionary codes). */
function mostFrequent(table: ColumnarTable, key: Int32Array, keys: number, field: string): string[] {
  const out = new Array<string>(keys).fill('');
  const column = findColumn(table, field);
  if (!column || column.kind !== 'text') return out;
  const counts = new Map<number, Map<number, number>>();
  for (let r = 0; r < table.rowCount; r++) {
    const k = key[r];
    const v = column.codes[r];
    if (k < 0 || v < 0) continue;
    let m = counts.get(k);
    if (!m) counts.set(k, (m = new Map()));
    m.set(v, (m.get(v) ?? 0) + 1);
  }
  for (const [k, m] of counts) {
    let best = -1;
    let bestCount = 0;
    for (const [v, c] of m) if (c > bestCount) { best = v; bestCount = c; }
    if (best >= 0) out[k] = column.dictionary[best];
  }
  return out;
}

/** Centres (sorted by code) and regions present in the extract. */
export function trendGroups(table: ColumnarTable): TrendGroups {
  const centre = findColumn(table, 'centre_code');
  const region = findColumn(table, 'region');
  const regions = region && region.kind === 'text'
    ? [...new Set(Array.from(region.codes).filter((c) => c >= 0))].map((c) => region.dictionary[c]).sort(collator.compare)
    : [];
  if (!centre || centre.kind !== 'text') return { centres: [], regions };
  const used = new Uint8Array(centre.dictionary.length);
  for (let r = 0; r < table.rowCount; r++) if (centre.codes[r] >= 0) used[centre.codes[r]] = 1;
  const names = mostFrequent(table, centre.codes, centre.dictionary.length, 'centre_name');
  const centreRegions = mostFrequent(table, centre.codes, centre.dictionary.length, 'region');
  const centres = centre.dictionary
    .map((code, i) => ({ code, name: names[i], region: centreRegions[i], used: used[i] === 1 }))
    .filter((c) => c.used)
    .map(({ code, name, region: r }) => ({ code, name, region: r }))
    .sort((a, b) => collator.compare(a.code, b.code));
  return { centres, regions };
}
