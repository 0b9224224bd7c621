import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../cli/commands/business-case';
import { loadExtract } from '../../cli/commands/analyse';
import {
  analyseCentre, applyScenario, INPUT_NAMES, parseScenario, prefillInputs, publishBusinessCase, scenarioJson, setInput, toScenario, type BusinessCaseJson,
} from '../../shared/business-case';
import { findStandard, SHIPPED_STANDARDS } from '../../shared/standards/catalogue';
import { captureCli } from '../helpers/capture-cli';

const root = path.resolve(__dirname, '../..');
const audit = path.join(root, 'samples/data/audit-sample.csv');
const hasSamples = existsSync(audit);
const capture = (args: string[]) => captureCli(run, args);
const SLOW = 120_000;

afterEach(() => vi.restoreAllMocks());

describe('msvw business-case: options', () => {
  it.each([
    [[audit], /give the centre with --centre/],
    [['--centre', 'R7U'], /give the extract to read/],
    [[audit, '--centre', 'R7U', '--years', '6'], /--years must be a whole number from 1 to 5/],
    [[audit, '--centre', 'R7U', '--set', 'nurseCostPerWte'], /--set needs name=value with a number/],
    [[audit, '--centre', 'R7U', '--format', 'csv'], /--format must be json/],
    [[audit, '--centre', 'R7U', '--bogus'], /^msvw business-case: unknown option "--bogus"\. Usage: msvw business-case <file>/],
    [[audit, '--centre', 'R7U', '--target', 'best'], /--target must be standard, core/],
  ])('%j exits 2 with one line naming the fix', async (args, message) => {
    const { code, out, err } = await capture(args as string[]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
    expect(err.trim().split('\n')).toHaveLength(1);
  });
});

describe.skipIf(!hasSamples)('msvw business-case on the committed sample', () => {
  let base: BusinessCaseJson;
  beforeAll(async () => {
    const { code, out, err } = await captureCli(run, [audit, '--centre', 'R7U', '--set', 'currentNurseWte=1.2', '--format', 'json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    base = JSON.parse(out) as BusinessCaseJson;
  }, SLOW);

  it('prints exactly the JSON shape of the issue', () => {
    expect(Object.keys(base)).toEqual(['inputs', 'years', 'totals', 'perPersonReachingStandard', 'sensitivity']);
    expect(base.inputs.map((i) => i.name)).toEqual([...INPUT_NAMES]);
    for (const i of base.inputs) expect(Object.keys(i)).toEqual(['name', 'value', 'unit', 'source']);
    expect(base.years.map((y) => y.year)).toEqual([0, 1, 2, 3, 4]);
    for (const y of base.years) expect(Object.keys(y)).toEqual(['year', 'costs', 'benefits', 'net', 'discountedNet']);
    expect(Object.keys(base.totals)).toEqual(['costs', 'benefits', 'net', 'discountedNet']);
    for (const s of base.sensitivity) expect(Object.keys(s)).toEqual(['name', 'low', 'high', 'netLow', 'netHigh']);
    expect(base.inputs.find((i) => i.name === 'currentNurseWte')).toMatchObject({ value: 1.2, source: expect.stringContaining('--set currentNurseWte=1.2') });
  });

  it('agrees with the model called directly', async () => {
    const extract = await loadExtract(audit, undefined, undefined);
    const standard = findStandard(SHIPPED_STANDARDS, '4plus4-part1');
    if (!standard) throw new Error('no 4plus4-part1');
    const { facts } = analyseCentre(extract.table, standard, 'R7U');
    const inputs = setInput(prefillInputs(facts), 'currentNurseWte', 1.2, 'Set on the command line (--set currentNurseWte=1.2)');
    expect(publishBusinessCase(inputs, 5).json).toEqual(base);
  }, SLOW);

  it('netLow and netHigh equal the discounted total with that one input at its low / high value', async () => {
    for (const bar of base.sensitivity.slice(0, 2)) {
      const { out } = await capture([audit, '--centre', 'R7U', '--set', 'currentNurseWte=1.2', '--set', `${bar.name}=${bar.low}`]);
      expect((JSON.parse(out) as BusinessCaseJson).totals.discountedNet).toBeCloseTo(bar.netLow as number, 6);
    }
    const top = base.sensitivity[0];
    const { out } = await capture([audit, '--centre', 'R7U', '--set', 'currentNurseWte=1.2', '--set', `${top.name}=${top.high}`]);
    expect((JSON.parse(out) as BusinessCaseJson).totals.discountedNet).toBeCloseTo(top.netHigh as number, 6);
  }, SLOW);

  it('sets every input by name, and honours --years', async () => {
    const sets = base.inputs.flatMap((i) => ['--set', `${i.name}=${i.name === 'discountRate' ? 0.05 : i.value}`]);
    const { code, out, err } = await capture([audit, '--centre', 'R7U', ...sets, '--years', '3']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(out) as BusinessCaseJson;
    expect(r.years).toHaveLength(3);
    for (const input of r.inputs) expect(input.source, input.name).toMatch(/^Set on the command line/);
    expect(r.years[1].discountedNet).toBeCloseTo((r.years[1].net as number) / 1.05, 6);
    const bad = await capture([audit, '--centre', 'R7U', '--set', 'nurseCost=1']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/"nurseCost" is not an input of the business case/);
  }, SLOW);

  it('reads a scenario file (values, horizon) and reports a bad one in one line', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'msvw-bc-'));
    const file = path.join(dir, 'two-nurses.json');
    const scenario = toScenario('Two nurses', setInput(setInput(prefillInputs((await factsFor('R7U'))), 'currentNurseWte', 2), 'nurseCostPerWte', 70_000), { centre: 'R7U', measureId: '4plus4-part1', years: 2 });
    await writeFile(file, scenarioJson(scenario));
    const { code, out } = await capture([audit, '--centre', 'R7U', '--scenario', file]);
    expect(code).toBe(0);
    const r = JSON.parse(out) as BusinessCaseJson;
    expect(r.years).toHaveLength(2);
    const expected = publishBusinessCase(applyScenario(prefillInputs(await factsFor('R7U')), parseScenario(scenarioJson(scenario))), 2).json;
    expect(r.totals).toEqual(expected.totals);
    await writeFile(path.join(dir, 'bad.json'), '{"format":"msvw-business-case","version":1,"name":"x","inputs":[{"name":"targetShare","value":3}]}');
    const bad = await capture([audit, '--centre', 'R7U', '--scenario', path.join(dir, 'bad.json')]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/targetShare must be a number between 0 and 1/);
  }, SLOW);

  it('hides small counts from the data, and what follows from them, unless --no-suppression', async () => {
    const { out } = await capture([audit, '--centre', 'R0N']);
    const r = JSON.parse(out) as BusinessCaseJson;
    const backlog = r.inputs.find((i) => i.name === 'backlog');
    expect(backlog?.value).toBe('*');
    expect(r.totals.discountedNet).toBe('*');
    const open = JSON.parse((await capture([audit, '--centre', 'R0N', '--no-suppression'])).out) as BusinessCaseJson;
    expect(typeof open.inputs.find((i) => i.name === 'backlog')?.value).toBe('number');
    expect(typeof open.totals.discountedNet).toBe('number');
  }, SLOW);

  it('names the centres when the centre is unknown', async () => {
    const { code, err } = await capture([audit, '--centre', 'RXX9']);
    expect(code).toBe(2);
    expect(err).toMatch(/^msvw business-case: No centre "RXX9" in the extract: choose one of its centre codes/);
  }, SLOW);
});

async function factsFor(centre: string) {
  const extract = await loadExtract(audit, undefined, undefined);
  const standard = findStandard(SHIPPED_STANDARDS, '4plus4-part1');
  if (!standard) throw new Error('no 4plus4-part1');
  return analyseCentre(extract.table, standard, centre).facts;
}
