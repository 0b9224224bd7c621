/**
 * A saved business-case scenario: which centre and standard, the horizon, and every input's value
 * and tornado range, as JSON people can save, export and import (zod 4 schema). Importing checks
 * every name and range and says what to fix.
 */
import { z } from 'zod';
import { MAX_YEARS, MIN_YEARS } from './defaults';
import { BusinessCaseError, checkValue, defaultRange, INPUT_NAMES, isInputName, type BusinessCaseInput, type InputOrigin } from './model';

export const SCENARIO_FORMAT = 'msvw-business-case';
export const SCENARIO_VERSION = 1;

const ScenarioInputSchema = z
  .object({
    name: z.enum(INPUT_NAMES, { message: `name must be one of ${INPUT_NAMES.join(', ')}` }),
    value: z.number({ message: 'value must be a number' }),
    unit: z.string().optional(),
    source: z.string().optional(),
    origin: z.enum(['data', 'default', 'user']).optional(),
    low: z.number().optional(),
    high: z.number().optional(),
  })
  .strict();

/** A scenario file. Inputs left out keep the centre's prefilled or default values. */
export const ScenarioSchema = z
  .object({
    format: z.literal(SCENARIO_FORMAT, { message: `format must be "${SCENARIO_FORMAT}"` }),
    version: z.literal(SCENARIO_VERSION, { message: `version must be ${SCENARIO_VERSION}` }),
    name: z.string().min(1, 'give the scenario a name'),
    centre: z.string().optional(),
    measureId: z.string().optional(),
    years: z.number().int().min(MIN_YEARS).max(MAX_YEARS).optional(),
    savedAt: z.string().optional(),
    inputs: z.array(ScenarioInputSchema),
  })
  .strict();
export type Scenario = z.output<typeof ScenarioSchema>;

/** A scenario from the current inputs. */
export function toScenario(name: string, inputs: readonly BusinessCaseInput[], extra: { centre?: string; measureId?: string; years?: number; savedAt?: string } = {}): Scenario {
  return {
    format: SCENARIO_FORMAT, version: SCENARIO_VERSION, name, ...extra,
    inputs: inputs.map((i) => ({ name: i.name, value: i.value, unit: i.unit, source: i.source, origin: i.origin, low: i.low, high: i.high })),
  };
}

/** A scenario's JSON text, pretty-printed. */
export function scenarioJson(scenario: Scenario): string {
  return `${JSON.stringify(scenario, null, 2)}\n`;
}

/** Parse and check scenario JSON text, or throw a BusinessCaseError naming the first problem. */
export function parseScenario(text: string, fileName = 'scenario'): Scenario {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new BusinessCaseError(`${fileName} is not JSON: export a scenario from the Business case page, or write one as in the README.`);
  }
  const parsed = ScenarioSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new BusinessCaseError(`${fileName}${where}: ${issue.message}.`);
  }
  const seen = new Set<string>();
  for (const input of parsed.data.inputs) {
    if (seen.has(input.name)) throw new BusinessCaseError(`${fileName}: input "${input.name}" is given twice; keep one.`, input.name);
    seen.add(input.name);
    checkValue(input.name, input.value);
    for (const end of [input.low, input.high]) if (end !== undefined) checkValue(input.name, end);
  }
  return parsed.data;
}

/**
 * The inputs with a scenario's values applied (inputs it leaves out are unchanged). Values the
 * scenario marks as read from the data are not applied: the data comes from the extract in use, so a
 * scenario saved for one centre (or an older extract) never carries its figures over. Values set by
 * the user and defaults are applied.
 */
export function applyScenario(inputs: readonly BusinessCaseInput[], scenario: Scenario): BusinessCaseInput[] {
  const byName = new Map(scenario.inputs.filter((i) => i.origin !== 'data').map((i) => [i.name, i]));
  return inputs.map((input) => {
    const s = byName.get(input.name);
    if (!s || !isInputName(s.name)) return input;
    const changed = s.value !== input.value;
    const origin: InputOrigin = s.origin ?? (changed ? 'user' : input.origin);
    const [low, high] = changed ? defaultRange(s.value, input.min, input.max) : [input.low, input.high];
    return {
      ...input,
      value: s.value,
      low: s.low ?? low,
      high: s.high ?? high,
      origin,
      source: s.source ?? (changed ? `Scenario "${scenario.name}"` : input.source),
    };
  });
}
