/**
 * Business-case scenarios kept on this computer by name. They live in the existing `settings`
 * table under keys `business-case-scenario:<name>`, so no new database version is needed; a
 * scenario holds only assumptions and choices (no patient data), and saving under an existing name
 * replaces it.
 */
import { activeDatabase } from './datasets';

/** Settings key prefix of a stored scenario. */
export const SCENARIO_KEY_PREFIX = 'business-case-scenario:';

/** Longest scenario name accepted (it is shown in lists and used in file names). */
export const SCENARIO_NAME_LIMIT = 80;

/** What every stored scenario has, whatever else the business-case model keeps in it. */
export interface NamedScenario {
  name: string;
  /** When it was last saved, ISO 8601. */
  savedAt: string;
}

/** A scenario name, trimmed, or a plain message saying what is wrong with it. */
export function checkScenarioName(name: string): { ok: true; name: string } | { ok: false; message: string } {
  const trimmed = name.trim();
  if (!trimmed) return { ok: false, message: 'Give the scenario a name before saving it.' };
  if (trimmed.length > SCENARIO_NAME_LIMIT) return { ok: false, message: `Scenario names can be at most ${SCENARIO_NAME_LIMIT} characters long.` };
  return { ok: true, name: trimmed };
}

/** Save (or replace) a scenario under its name. */
export async function saveScenario<S extends NamedScenario>(scenario: S): Promise<void> {
  await activeDatabase().settings.put({ key: SCENARIO_KEY_PREFIX + scenario.name, value: scenario });
}

/** Every saved scenario, by name. */
export async function listScenarios<S extends NamedScenario>(): Promise<S[]> {
  const records = await activeDatabase().settings.where('key').startsWith(SCENARIO_KEY_PREFIX).toArray();
  return records.map((r) => r.value as S).sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}

/** One saved scenario, or undefined. */
export async function getScenario<S extends NamedScenario>(name: string): Promise<S | undefined> {
  const record = await activeDatabase().settings.get(SCENARIO_KEY_PREFIX + name);
  return record?.value as S | undefined;
}

/** Forget a saved scenario. */
export async function deleteScenario(name: string): Promise<void> {
  await activeDatabase().settings.delete(SCENARIO_KEY_PREFIX + name);
}
