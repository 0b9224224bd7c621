import { describe, expect, it } from 'vitest';
import {
  applyScenario, backlogShareInYear, BusinessCaseError, computeBusinessCase, defaultInputs, discountFactor, INPUT_NAMES, parseScenario,
  publishBusinessCase, scenarioJson, sensitivity, setInput, toScenario, type BusinessCaseInput, type InputName,
} from '../../../shared/business-case';
import { seeded } from '../../helpers/seeded';

/** Inputs of the worked example, all set by name. */
const WORKED: Record<InputName, number> = {
  currentShare: 0.5, targetShare: 0.8, referralsPerYear: 100, backlog: 10, caseload: 630, currentNurseWte: 1,
  backlogClearanceWeeks: 10, clinicWeeksPerYear: 46, nurseCaseloadPerWte: 315, adminWtePerNurse: 0.6,
  nurseCostPerWte: 60_000, adminCostPerWte: 30_000, newAppointmentCost: 250, mriScansPerPerson: 0, mriCost: 150,
  relapsesAvoidedPerPerson: 0.1, relapseCost: 500, emergencyAdmissionRate: 0.2, admissionsAvoidedShare: 0.1, emergencyAdmissionCost: 3_000,
  followUpsAvoidedPerPerson: 0.5, followUpCost: 150, discountRate: 0.035,
};

function inputsFrom(values: Partial<Record<InputName, number>>): BusinessCaseInput[] {
  let inputs = defaultInputs();
  for (const [name, value] of Object.entries(values)) inputs = setInput(inputs, name, value);
  return inputs;
}

describe('business case: worked example by hand', () => {
  // People newly seen in time a year: (0.8 - 0.5) x 100 = 30.
  // Nurses: 630 / 315 = 2 WTE needed, 1 in post, gap 1; admin 0.6 x 1 = 0.6 WTE; newly covered 1/2.
  // Costs each year: nurses 1 x 60,000 = 60,000; admin 0.6 x 30,000 = 18,000; clinic slots 30 x 250 = 7,500.
  // Backlog: 10 people x 250 = 2,500, all in year 0 (cleared in 10 weeks). MRI: 0 scans.
  //   Year 0 costs 88,000; years 1 and 2: 85,500.
  // Benefits each year: relapses 30 x 0.1 x 500 = 1,500; admissions 630 x 0.2 x 0.1 x 0.5 x 3,000 = 18,900;
  //   clinic time 30 x 0.5 x 150 = 2,250. Total 22,650.
  // Net: year 0 65,350; years 1, 2: 62,850. Discounted (Green Book 3.5%): 65,350 + 62,850/1.035 + 62,850/1.035^2
  //   = 65,350 + 60,724.6377 + 58,671.1475 = 184,745.7852. People reaching the standard: 30 x 3 = 90.
  const result = computeBusinessCase(inputsFrom(WORKED), 3);

  it('works out what meeting the target takes', () => {
    const r = result.requirements;
    expect(r.peopleNewlySeenPerYear).toBeCloseTo(30, 10);
    expect(r.nurseWteNeeded).toBe(2);
    expect(r.nurseWteGap).toBe(1);
    expect(r.adminWteGap).toBeCloseTo(0.6, 12);
    expect(r.nurseCoverageGain).toBe(0.5);
    expect(r.backlogSlotsPerWeek).toBe(1);
    expect(r.keepSlotsPerWeek).toBeCloseTo(30 / 46, 12);
  });

  it('gives the costs, benefits and net of each year', () => {
    expect(result.years.map((y) => y.year)).toEqual([0, 1, 2]);
    expect(result.years.map((y) => y.costs)).toEqual([88_000, 85_500, 85_500].map((x) => expect.closeTo(x, 6)));
    expect(result.years.map((y) => y.benefits)).toEqual([22_650, 22_650, 22_650].map((x) => expect.closeTo(x, 6)));
    expect(result.years.map((y) => y.net)).toEqual([65_350, 62_850, 62_850].map((x) => expect.closeTo(x, 6)));
    const lines = Object.fromEntries(result.years[0].lines.map((l) => [l.key, l.amount]));
    expect(lines).toEqual({
      nurses: 60_000, admin: expect.closeTo(18_000, 6), clinics: expect.closeTo(7_500, 6), backlog: 2_500, mri: 0,
      relapses: expect.closeTo(1_500, 6), admissions: expect.closeTo(18_900, 6), clinicTime: expect.closeTo(2_250, 6),
    });
    expect(result.years[1].lines.find((l) => l.key === 'backlog')?.amount).toBe(0);
  });

  it('discounts as the Green Book does: year 0 undiscounted, year t divided by 1.035^t', () => {
    expect(result.years[0].discountFactor).toBe(1);
    expect(result.years[1].discountedNet).toBeCloseTo(60_724.637681159424, 6);
    expect(result.years[2].discountedNet).toBeCloseTo(58_671.14751802843, 6);
    expect(result.totals.discountedNet).toBeCloseTo(184_745.78519918787, 6);
    expect(result.totals.costs).toBeCloseTo(259_000, 6);
    expect(result.totals.benefits).toBeCloseTo(67_950, 6);
    expect(result.peopleReachingStandard).toBeCloseTo(90, 10);
    expect(result.perPersonReachingStandard).toBeCloseTo(184_745.78519918787 / 90, 6);
  });
});

describe('business case: pieces', () => {
  it('discount factor is 1 / 1.035^t', () => {
    expect(discountFactor(0, 0.035)).toBe(1);
    expect(discountFactor(4, 0.035)).toBeCloseTo(1 / 1.147523000625, 12);
  });

  it('spreads backlog clearance over the calendar weeks of each year', () => {
    expect(backlogShareInYear(0, 12)).toBe(1);
    expect(backlogShareInYear(1, 12)).toBe(0);
    expect(backlogShareInYear(0, 104)).toBe(0.5);
    expect(backlogShareInYear(1, 104)).toBe(0.5);
  });

  it('has no newly seen people (and no per-person cost) when the centre already meets the target', () => {
    const r = computeBusinessCase(inputsFrom({ ...WORKED, currentShare: 0.9 }), 2);
    expect(r.requirements.peopleNewlySeenPerYear).toBe(0);
    expect(r.perPersonReachingStandard).toBeNull();
  });

  it('rejects unknown inputs, values out of range and horizons outside 1-5 with a message naming them', () => {
    expect(() => setInput(defaultInputs(), 'nurseCost', 1)).toThrow(/"nurseCost" is not an input.*nurseCostPerWte/);
    expect(() => setInput(defaultInputs(), 'targetShare', 1.2)).toThrow(/targetShare must be a number between 0 and 1/);
    expect(() => setInput(defaultInputs(), 'backlog', -1)).toThrow(BusinessCaseError);
    expect(() => computeBusinessCase(defaultInputs(), 6)).toThrow(/from 1 to 5/);
  });

  it('sets a tornado end by name.low / name.high without changing the value', () => {
    const inputs = setInput(setInput(defaultInputs(), 'relapseCost.low', 100), 'relapseCost.high', 5000);
    const relapse = inputs.find((i) => i.name === 'relapseCost');
    expect(relapse).toMatchObject({ value: 503, low: 100, high: 5000 });
  });

  it('every default names its source and unit', () => {
    for (const input of defaultInputs()) {
      expect(input.source.length, input.name).toBeGreaterThan(10);
      expect(input.unit.length, input.name).toBeGreaterThan(0);
    }
    expect(defaultInputs().map((i) => i.name)).toEqual([...INPUT_NAMES]);
  });
});

/** Random but valid inputs (backlog cleared within a year so every input moves the net one way). */
function randomInputs(rand: () => number): BusinessCaseInput[] {
  const share = rand();
  return inputsFrom({
    ...WORKED,
    currentShare: share, targetShare: Math.min(1, share + rand() * (1 - share)), referralsPerYear: Math.round(rand() * 500),
    backlog: Math.round(rand() * 100), caseload: Math.round(rand() * 2000), currentNurseWte: rand() * 5,
    backlogClearanceWeeks: 1 + Math.round(rand() * 50), nurseCostPerWte: 30_000 + rand() * 60_000, adminCostPerWte: 20_000 + rand() * 30_000,
    newAppointmentCost: 100 + rand() * 300, mriScansPerPerson: rand() < 0.5 ? 0 : 1, relapsesAvoidedPerPerson: rand() * 0.5,
    admissionsAvoidedShare: rand() * 0.3,
  });
}

describe('business case: properties over random inputs', () => {
  const rand = seeded(20261201);
  const cases = Array.from({ length: 60 }, () => ({ inputs: randomInputs(rand), years: 1 + Math.floor(rand() * 5) }));

  it('costs rise with the cost of a nurse WTE (and never fall)', () => {
    for (const { inputs, years } of cases) {
      const nurseCost = inputs.find((i) => i.name === 'nurseCostPerWte')?.value ?? 0;
      const a = computeBusinessCase(inputs, years);
      const b = computeBusinessCase(setInput(inputs, 'nurseCostPerWte', nurseCost + 1_000), years);
      expect(b.totals.costs).toBeGreaterThanOrEqual(a.totals.costs);
      if (a.requirements.nurseWteGap > 0) expect(b.totals.costs).toBeGreaterThan(a.totals.costs);
    }
  });

  it('totals equal the sum of the years, and each year the sum of its lines', () => {
    for (const { inputs, years } of cases) {
      const r = computeBusinessCase(inputs, years);
      const sum = (f: (y: (typeof r.years)[number]) => number) => r.years.reduce((s, y) => s + f(y), 0);
      expect(r.years).toHaveLength(years);
      expect(r.totals.costs).toBeCloseTo(sum((y) => y.costs), 6);
      expect(r.totals.benefits).toBeCloseTo(sum((y) => y.benefits), 6);
      expect(r.totals.net).toBeCloseTo(sum((y) => y.net), 6);
      expect(r.totals.discountedNet).toBeCloseTo(sum((y) => y.discountedNet), 6);
      for (const y of r.years) {
        expect(y.costs).toBeCloseTo(y.lines.filter((l) => l.kind === 'cost').reduce((s, l) => s + l.amount, 0), 6);
        expect(y.discountedNet).toBeCloseTo(y.net / 1.035 ** y.year, 6);
      }
    }
  });

  it('the tornado brackets the base case, and best <= base <= worst', () => {
    for (const { inputs, years } of cases) {
      const s = sensitivity(inputs, years);
      const tolerance = 1e-6 * Math.max(1, Math.abs(s.base));
      for (const bar of s.bars) {
        expect(Math.min(bar.netLow, bar.netHigh), bar.name).toBeLessThanOrEqual(s.base + tolerance);
        expect(Math.max(bar.netLow, bar.netHigh), bar.name).toBeGreaterThanOrEqual(s.base - tolerance);
      }
      expect(s.best).toBeLessThanOrEqual(s.base + tolerance);
      expect(s.worst).toBeGreaterThanOrEqual(s.base - tolerance);
      for (let k = 1; k < s.bars.length; k++) expect(s.bars[k - 1].swing).toBeGreaterThanOrEqual(s.bars[k].swing);
    }
  });

  it('netLow / netHigh equal the discounted net with that one input at its low / high value', () => {
    const { inputs, years } = cases[0];
    const s = sensitivity(inputs, years);
    for (const bar of s.bars.slice(0, 5)) {
      const atLow = inputs.map((i) => (i.name === bar.name ? { ...i, value: bar.low } : i));
      expect(bar.netLow).toBe(computeBusinessCase(atLow, years).totals.discountedNet);
    }
  });
});

describe('business case: publication and scenarios', () => {
  it('hides a data count of 1-7 and every figure worked out from it; keeps figures that do not depend on it', () => {
    const inputs = inputsFrom(WORKED).map((i) => (i.name === 'backlog' ? { ...i, value: 5, low: 3.75, high: 6.25, origin: 'data' as const } : i));
    const published = publishBusinessCase(inputs, 3);
    expect(published.suppressedInputs).toEqual(['backlog']);
    expect(published.json.inputs.find((i) => i.name === 'backlog')?.value).toBe('*');
    expect(published.json.years[0].costs).toBe('*');
    expect(published.json.totals.discountedNet).toBe('*');
    // Year 1 does not include the backlog (cleared in 10 weeks): it is published.
    expect(published.json.years[1].costs).toBeCloseTo(85_500, 6);
    expect(published.json.totals.benefits).toBeCloseTo(67_950, 6);
    expect(JSON.stringify(published.json)).not.toMatch(/"value":5[,}]/);
    // The same count typed by the user is theirs to publish.
    const typed = publishBusinessCase(setInput(inputs, 'backlog', 5), 3);
    expect(typed.suppressedInputs).toEqual([]);
    expect(typed.json.totals.discountedNet).toBeCloseTo(computeBusinessCase(setInput(inputs, 'backlog', 5), 3).totals.discountedNet, 6);
    expect(publishBusinessCase(inputs, 3, { suppression: false }).json.years[0].costs).toBeCloseTo(88_000 - 5 * 250, 6);
  });

  it('round-trips a scenario through JSON and applies it', () => {
    const inputs = inputsFrom(WORKED);
    const text = scenarioJson(toScenario('Two nurses', setInput(inputs, 'currentNurseWte', 2), { centre: 'RTH', measureId: '4plus4-part1', years: 3 }));
    const scenario = parseScenario(text, 'two.json');
    const applied = applyScenario(defaultInputs(), scenario);
    expect(computeBusinessCase(applied, 3).totals.discountedNet).toBeCloseTo(computeBusinessCase(setInput(inputs, 'currentNurseWte', 2), 3).totals.discountedNet, 6);
    expect(() => parseScenario('{"format":"msvw-business-case","version":1,"name":"x","inputs":[{"name":"nope","value":1}]}', 'bad.json')).toThrow(/bad.json at inputs.0.name/);
    expect(() => parseScenario('{"format":"msvw-business-case","version":1,"name":"x","inputs":[{"name":"targetShare","value":2}]}', 'bad.json')).toThrow(/targetShare must be a number between 0 and 1/);
    expect(() => parseScenario('not json', 'x.json')).toThrow(/x.json is not JSON/);
    // Figures read from another centre's data are not carried over; the user's own values are.
    const fromData = toScenario('Other centre', inputsFrom(WORKED).map((i) => (i.name === 'backlog' ? { ...i, value: 99, origin: 'data' as const } : i)));
    const here = applyScenario(defaultInputs(), fromData);
    expect(here.find((i) => i.name === 'backlog')?.value).toBe(0);
    expect(here.find((i) => i.name === 'nurseCostPerWte')?.value).toBe(60_000);
  });
});

describe('business case: a share worked out from small counts', () => {
  it('hides the current share (and what follows from it) when its met or not-met count is 1-7', () => {
    const inputs = inputsFrom(WORKED).map((i) => (i.name === 'currentShare' ? { ...i, origin: 'data' as const, fromCounts: [3, 6] } : i));
    const published = publishBusinessCase(inputs, 3);
    expect(published.suppressedInputs).toEqual(['currentShare']);
    expect(published.json.inputs.find((i) => i.name === 'currentShare')?.value).toBe('*');
    expect(published.json.totals.discountedNet).toBe('*');
    // Figures shown beside the JSON follow too: people newly seen and slots depend on the share; nurse need does not.
    expect(published.suppressedPaths).toEqual(expect.arrayContaining(['extra.requirements.peopleNewlySeenPerYear', 'extra.requirements.keepSlotsPerWeek', 'extra.lines.0.clinics', 'extra.worst']));
    expect(published.suppressedPaths).not.toContain('extra.requirements.nurseWteNeeded');
    expect(published.suppressedPaths).not.toContain('extra.lines.0.nurses');
    // Large counts: published.
    const large = inputs.map((i) => (i.name === 'currentShare' ? { ...i, fromCounts: [30, 60] } : i));
    expect(publishBusinessCase(large, 3).suppressedInputs).toEqual([]);
    // Asked to hide it (the league table hid it): hidden although the counts are large.
    expect(publishBusinessCase(large, 3, { alsoHide: ['currentShare'] }).json.inputs[0].value).toBe('*');
  });
});
