import { describe, expect, it } from 'vitest';
import { kaplanMeier, kmQuantile, logRankTest, survfitQuantile } from '../../../shared/stats/kaplan-meier';
import { normalCdf } from '../../../shared/stats/normal';
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

// R survival's `aml` data (Miller 1981), with the values R prints for
// summary(survfit(Surv(time, status) ~ x, data = aml)) (conf.type "log", survfit's default),
// print(...) (median and 0.95LCL / UCL) and survdiff(Surv(time, status) ~ x, data = aml).
const MAINTAINED = { times: [9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161], events: [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0].map(Boolean) };
const NON_MAINTAINED = { times: [5, 5, 8, 8, 12, 16, 23, 27, 30, 33, 43, 45], events: [1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1].map(Boolean) };

describe('Kaplan-Meier intervals, medians and the log-rank test, against R survival (aml)', () => {
  it('log intervals and standard errors at each event time (summary.survfit, 3 decimals)', () => {
    const curve = kaplanMeier(MAINTAINED.times, MAINTAINED.events, { conf: 'log' });
    const events = curve.steps.filter((s) => s.events > 0);
    // time, survival, std.err of S (= S * std.err of log S), lower, upper as R prints them.
    const r = [
      [9, 0.909, 0.0867, 0.754, 1.0],
      [13, 0.818, 0.1163, 0.619, 1.0],
      [18, 0.716, 0.1397, 0.488, 1.0],
      [23, 0.614, 0.1526, 0.377, 0.999],
      [31, 0.491, 0.1642, 0.255, 0.946],
      [34, 0.368, 0.1627, 0.155, 0.875],
      [48, 0.184, 0.1535, 0.036, 0.944],
    ];
    expect(events.map((s) => s.time)).toEqual(r.map((row) => row[0]));
    events.forEach((s, i) => {
      expectNear(s.survival, r[i][1], 5e-4, `S(${s.time})`);
      expectNear(s.survival * s.stdErr, r[i][2], 5e-5, `se(${s.time})`);
      expectNear(s.lower, r[i][3], 5e-4, `lower(${s.time})`);
      expectNear(s.upper, r[i][4], 5e-4, `upper(${s.time})`);
    });
  });

  it('median and its interval as print.survfit reports them: Maintained 31 (18, NA), Nonmaintained 23 (8, NA)', () => {
    const a = kaplanMeier(MAINTAINED.times, MAINTAINED.events, { conf: 'log' });
    const b = kaplanMeier(NON_MAINTAINED.times, NON_MAINTAINED.events, { conf: 'log' });
    expect([a.median, ...a.medianCi]).toEqual([31, 18, null]);
    expect([b.median, ...b.medianCi]).toEqual([23, 8, null]);
  });

  it('log-log intervals: exp(-exp(log(-log S) -/+ z se / |log S|)) (methods.md), narrower than log near S = 1', () => {
    const curve = kaplanMeier(MAINTAINED.times, MAINTAINED.events);
    expect(curve.conf).toBe('log-log');
    const first = curve.steps[0];
    const se = Math.sqrt(1 / (11 * 10));
    const logS = Math.log(10 / 11);
    expectNear(first.lower, Math.exp(-Math.exp(Math.log(-logS) + (1.959963984540054 * se) / Math.abs(logS))), 1e-12);
    expectNear(first.upper, Math.exp(-Math.exp(Math.log(-logS) - (1.959963984540054 * se) / Math.abs(logS))), 1e-12);
    expect(first.upper).toBeLessThan(1);
    expect(curve.steps.every((s) => Number.isNaN(s.lower) || (s.lower <= s.survival && s.survival <= s.upper))).toBe(true);
  });

  it('log-rank test: chi-square 3.4 on 1 df, p = 0.07 (survdiff); observed 7 and 11, expected 10.69 and 7.31', () => {
    const test = logRankTest(MAINTAINED.times, MAINTAINED.events, NON_MAINTAINED.times, NON_MAINTAINED.events);
    expect(test.observed).toEqual([7, 11]);
    expectNear(test.expected[0], 10.69, 5e-3);
    expectNear(test.expected[1], 7.31, 5e-3);
    expectNear(test.chiSquare, 3.4, 5e-2);
    expectNear(test.p, 0.0653, 5e-4);
    // Chi-square on 1 df: p = 2 (1 - Phi(sqrt(chi-square))).
    expectNear(test.p, 2 * (1 - normalCdf(Math.sqrt(test.chiSquare))), 1e-12);
  });

  it('quantiles follow findq: a flat stretch exactly at p takes its midpoint; a curve that never reaches p gives null', () => {
    expect(survfitQuantile([1, 2, 3, 4], [0.25, 0.5, 0.75, 1], 0.5)).toBe(2.5);
    expect(survfitQuantile([1, 2, 3, 4], [0.25, 0.5, 0.75, 1], 0.75)).toBe(3.5);
    expect(survfitQuantile([1, 2], [0.2, 0.4], 0.5)).toBeNull();
    // A flat at p at the end of the curve: midpoint to the last time.
    expect(survfitQuantile([1, 2, 5], [0.25, 0.5, 0.5], 0.5)).toBe(3.5);
    const q = kmQuantile(kaplanMeier([1, 2, 3, 4], [true, true, true, true]).steps, 0.5);
    expect(q.time).toBe(2.5);
  });
});
