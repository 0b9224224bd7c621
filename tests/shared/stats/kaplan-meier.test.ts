import { describe, expect, it } from 'vitest';
import { kaplanMeier } from '../../../shared/stats/kaplan-meier';
import { expectNear } from './near';

describe('kaplanMeier', () => {
  it('steps down at event times and keeps censored people at risk until their time', () => {
    // Days waiting; false = still waiting (censored).
    const times = [5, 8, 8, 12, 15, 20, 20, 25];
    const events = [true, true, false, true, false, true, true, false];
    const curve = kaplanMeier(times, events);
    expect(curve.steps.map((s) => s.time)).toEqual([5, 8, 12, 15, 20, 25]);
    expect(curve.steps.map((s) => s.atRisk)).toEqual([8, 7, 5, 4, 3, 1]);
    const s = curve.steps.map((step) => step.survival);
    expectNear(s[0], 7 / 8, 1e-15);
    expectNear(s[1], (7 / 8) * (6 / 7), 1e-15);
    expectNear(s[2], (7 / 8) * (6 / 7) * (4 / 5), 1e-15);
    expectNear(s[3], s[2], 0);
    expectNear(s[4], s[2] * (1 / 3), 1e-15);
    expect(curve.median).toBe(20);
  });

  it('median: where S is exactly 0.5 over a flat stretch, the midpoint of the stretch (survfit; methods.md)', () => {
    // 4 people, events at 1, 2, 3, 4: S = (3/4)(2/3) = 0.5 from t = 2 to t = 3, so the median is 2.5, not 2.
    const curve = kaplanMeier([1, 2, 3, 4], [true, true, true, true]);
    expect(curve.median).toBe(2.5);
  });

  it('median is null when the curve never reaches one half', () => {
    const curve = kaplanMeier([3, 6, 9, 12], [true, false, false, false]);
    expect(curve.median).toBeNull();
    expectNear(curve.steps[curve.steps.length - 1].survival, 0.75, 1e-15);
  });

  it('does not depend on input order', () => {
    const a = kaplanMeier([1, 4, 2, 3], [true, false, true, true]);
    const b = kaplanMeier([4, 3, 2, 1], [false, true, true, true]);
    expect(a).toEqual(b);
  });

  it('rejects mismatched lengths and negative times', () => {
    expect(() => kaplanMeier([1, 2], [true])).toThrow(/length/);
    expect(() => kaplanMeier([1, -2], [true, true])).toThrow(/Time 2/);
  });
});
