import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkbenchDatabase } from '../../../renderer/src/store/database';
import { activeDatabase, getSetting, setActiveDatabase, setSetting } from '../../../renderer/src/store/datasets';
import { SCENARIO_NAME_LIMIT, checkScenarioName, deleteScenario, getScenario, listScenarios, saveScenario } from '../../../renderer/src/store/scenarios';

interface TestScenario { name: string; savedAt: string; values: Record<string, number> }

let databaseNumber = 0;
beforeEach(() => { setActiveDatabase(new WorkbenchDatabase(`scenarios-test-${++databaseNumber}`)); });
afterEach(async () => { await activeDatabase().delete(); });

describe('business-case scenarios kept locally', () => {
  it('saves, lists by name, replaces on the same name and deletes', async () => {
    await saveScenario<TestScenario>({ name: 'Two nurses', savedAt: '2026-12-01T05:00:00Z', values: { nurseWte: 2 } });
    await saveScenario<TestScenario>({ name: 'Baseline', savedAt: '2026-12-01T05:01:00Z', values: { nurseWte: 1 } });
    expect((await listScenarios<TestScenario>()).map((s) => s.name)).toEqual(['Baseline', 'Two nurses']);

    await saveScenario<TestScenario>({ name: 'Baseline', savedAt: '2026-12-01T05:02:00Z', values: { nurseWte: 1.5 } });
    expect(await listScenarios<TestScenario>()).toHaveLength(2);
    expect((await getScenario<TestScenario>('Baseline'))?.values.nurseWte).toBe(1.5);

    await deleteScenario('Baseline');
    expect((await listScenarios<TestScenario>()).map((s) => s.name)).toEqual(['Two nurses']);
    expect(await getScenario('Baseline')).toBeUndefined();
  });

  it('lives beside other settings without disturbing them', async () => {
    await setSetting('suppressionThreshold', 8);
    await saveScenario<TestScenario>({ name: 'A', savedAt: '2026-12-01T05:00:00Z', values: {} });
    expect(await getSetting('suppressionThreshold', 0)).toBe(8);
    expect(await listScenarios()).toHaveLength(1);
  });

  it('checks names: trimmed, not empty, not too long', () => {
    expect(checkScenarioName('  Baseline ')).toEqual({ ok: true, name: 'Baseline' });
    expect(checkScenarioName('   ')).toMatchObject({ ok: false, message: /name/ });
    expect(checkScenarioName('x'.repeat(SCENARIO_NAME_LIMIT + 1))).toMatchObject({ ok: false });
  });
});
