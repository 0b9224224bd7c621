/**
 * The business case as it leaves the machine: the JSON shape of `msvw business-case` (issue 9,
 * item 5) with small-number suppression applied as everywhere else (shared/privacy/suppression.ts:
 * counts of people of 1-7 read from the data are shown as `*`).
 *
 * A money figure computed from a hidden count would give the count back (backlog x appointment
 * price is the year-0 backlog cost), so every figure that depends on a hidden count is hidden too,
 * like the derived columns of suppressTable. Dependence is found by recomputing the case with the
 * hidden count changed by one: any figure that moves depends on it. A value the user typed in is
 * theirs to publish and is never hidden.
 */
import { NHS_DIGITAL_THRESHOLD, SUPPRESSION_MARKER, type SuppressionThreshold } from '../privacy/suppression';
import { DEFAULT_YEARS } from './defaults';
import { computeBusinessCase, defaultRange, type BusinessCaseInput, type BusinessCaseResult } from './model';
import { sensitivity, type Sensitivity } from './sensitivity';

/** A published number, or the suppression marker. */
export type Published = number | string;

/** `msvw business-case --format json`, exactly as the issue specifies. */
export interface BusinessCaseJson {
  inputs: { name: string; value: Published; unit: string; source: string }[];
  years: { year: number; costs: Published; benefits: Published; net: Published; discountedNet: Published }[];
  totals: { costs: Published; benefits: Published; net: Published; discountedNet: Published };
  perPersonReachingStandard: Published | null;
  sensitivity: { name: string; low: Published; high: Published; netLow: Published; netHigh: Published }[];
}

export interface PublishOptions {
  /** Counts in this range are hidden (default 1-7, NHS Digital); false publishes everything (the user's explicit choice). */
  suppression?: SuppressionThreshold | false;
  /**
   * Data inputs to hide as well, e.g. the current share when the league table hid the centre's
   * percentage by secondary suppression (so the report never shows what the table hides).
   */
  alsoHide?: readonly string[];
}

/** The case with its JSON shape, what was hidden and the footnote. */
export interface PublishedCase {
  result: BusinessCaseResult;
  sensitivity: Sensitivity;
  json: BusinessCaseJson;
  /** Inputs hidden as small counts. */
  suppressedInputs: string[];
  /** Paths of every hidden figure: in `json` (e.g. "years.0.costs"), or shown elsewhere ("extra.requirements.keepSlotsPerWeek", "extra.lines.0.backlog", "extra.best"). */
  suppressedPaths: string[];
  note: string;
}

/** True when an input is a count of people from the data inside the suppression range, or worked out from one. */
export function isSuppressedInput(input: BusinessCaseInput, threshold: SuppressionThreshold): boolean {
  if (input.origin !== 'data') return false;
  const small = (x: number) => x >= threshold.min && x <= threshold.max;
  return (input.isCount && small(input.value)) || (input.fromCounts?.some(small) ?? false);
}

/** The unsuppressed JSON shape of a case. */
function rawJson(inputs: readonly BusinessCaseInput[], result: BusinessCaseResult, sens: Sensitivity): BusinessCaseJson {
  return {
    inputs: inputs.map((i) => ({ name: i.name, value: i.value, unit: i.unit, source: i.source })),
    years: result.years.map((y) => ({ year: y.year, costs: y.costs, benefits: y.benefits, net: y.net, discountedNet: y.discountedNet })),
    totals: { costs: result.totals.costs, benefits: result.totals.benefits, net: result.totals.net, discountedNet: result.totals.discountedNet },
    perPersonReachingStandard: result.perPersonReachingStandard,
    sensitivity: sens.bars.map((b) => ({ name: b.name, low: b.low, high: b.high, netLow: b.netLow, netHigh: b.netHigh })),
  };
}

/** Prefix of the paths of figures outside the JSON shape (see extraFigures). */
export const EXTRA = 'extra.';

/**
 * Figures the page and the report show beyond the JSON: `extra.requirements.<key>`,
 * `extra.peopleReachingStandard`, `extra.lines.<year>.<line key>`, `extra.best`, `extra.worst`.
 */
function extraFigures(result: BusinessCaseResult, sens: Sensitivity): { extra: unknown } {
  return {
    extra: {
      requirements: result.requirements,
      peopleReachingStandard: result.peopleReachingStandard,
      lines: result.years.map((y) => Object.fromEntries(y.lines.map((l) => [l.key, l.amount]))),
      best: sens.best,
      worst: sens.worst,
    },
  };
}

/** True when the figure at this path (JSON path, or an `extra.` path) is hidden. */
export function isHiddenFigure(published: Pick<PublishedCase, 'suppressedPaths'>, path: string): boolean {
  return published.suppressedPaths.includes(path);
}

/** Every number in a JSON value by path. */
function numbersByPath(value: unknown, path: string, out: Map<string, number>): void {
  if (typeof value === 'number') out.set(path, value);
  else if (Array.isArray(value)) value.forEach((v, i) => numbersByPath(v, path ? `${path}.${i}` : String(i), out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) numbersByPath(v, path ? `${path}.${k}` : k, out);
}

/** Replace the value at a dotted path with the marker. */
function hideAt(root: unknown, path: string, marker: string): void {
  const parts = path.split('.');
  let node = root as Record<string, unknown>;
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
  node[parts[parts.length - 1]] = marker;
}

/** How far a non-count input (a share) is moved to see which figures depend on it. */
const PERTURBATION = 0.01;

/** Relative change below which a recomputed figure counts as unchanged (floating-point noise). */
const UNCHANGED = 1e-12;

/** The case computed, its tornado, and its JSON with small counts and what follows from them hidden. */
export function publishBusinessCase(inputs: readonly BusinessCaseInput[], years: number = DEFAULT_YEARS, options: PublishOptions = {}): PublishedCase {
  const result = computeBusinessCase(inputs, years);
  const sens = sensitivity(inputs, years);
  const json = rawJson(inputs, result, sens);
  const threshold = options.suppression === false ? null : (options.suppression ?? NHS_DIGITAL_THRESHOLD);
  const alsoHide = new Set(options.alsoHide ?? []);
  const hidden = threshold ? inputs.filter((i) => isSuppressedInput(i, threshold) || (alsoHide.has(i.name) && i.origin === 'data')) : [];
  if (!threshold || hidden.length === 0) {
    return { result, sensitivity: sens, json, suppressedInputs: [], suppressedPaths: [], note: threshold ? suppressionNote(threshold, []) : 'Small-number suppression switched off by the user.' };
  }
  // Every figure shown anywhere: the JSON, and the requirements, per-line amounts and best/worst cases.
  const base = new Map<string, number>();
  numbersByPath(json, '', base);
  numbersByPath(extraFigures(result, sens), '', base);
  const paths = new Set<string>();
  for (const h of hidden) {
    const k = json.inputs.findIndex((i) => i.name === h.name);
    paths.add(`inputs.${k}.value`);
    const bar = json.sensitivity.findIndex((b) => b.name === h.name);
    if (bar >= 0) { paths.add(`sensitivity.${bar}.low`); paths.add(`sensitivity.${bar}.high`); }
    // Recompute with this value moved (a count by one, a share by a little; range moved with it): every figure that moves depends on it.
    const step = h.isCount ? 1 : Math.min(PERTURBATION, h.max - h.value) || -PERTURBATION;
    const [low, high] = defaultRange(h.value + step, h.min, h.max);
    const clamp = (x: number) => Math.min(h.max, Math.max(h.min, x));
    const moved = inputs.map((i) => (i.name === h.name ? { ...i, value: h.value + step, low: h.fromCounts ? clamp(i.low + step) : low, high: h.fromCounts ? clamp(i.high + step) : high } : i));
    const other = new Map<string, number>();
    const movedResult = computeBusinessCase(moved, years);
    const movedSens = sensitivity(moved, years);
    numbersByPath(rawJson(moved, movedResult, movedSens), '', other);
    numbersByPath(extraFigures(movedResult, movedSens), '', other);
    for (const [path, v] of base) {
      if (path.startsWith('inputs.')) continue;
      const w = other.get(path);
      if (w === undefined || Math.abs(w - v) > UNCHANGED * Math.max(1, Math.abs(v))) paths.add(path);
    }
  }
  const published = structuredClone(json);
  for (const path of paths) if (!path.startsWith(EXTRA)) hideAt(published, path, SUPPRESSION_MARKER);
  const names = hidden.map((h) => h.name);
  return { result, sensitivity: sens, json: published, suppressedInputs: names, suppressedPaths: [...paths].sort(), note: suppressionNote(threshold, names) };
}

/** The footnote on suppression. */
export function suppressionNote(threshold: SuppressionThreshold, hidden: readonly string[]): string {
  const rule = `Counts of ${threshold.min}-${threshold.max} people read from the data are shown as ${SUPPRESSION_MARKER} (NHS Digital small-number rule), with every figure worked out from them.`;
  if (hidden.length === 0) return `${rule} Nothing needed hiding.`;
  return `${rule} Hidden: ${hidden.join(', ')}. To publish the costs, enter a planning figure for ${hidden.length > 1 ? 'these inputs' : 'this input'} yourself.`;
}
