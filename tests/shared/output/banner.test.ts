import { describe, expect, it } from 'vitest';
import { bannerLines, centreLabel, countSentence, outliersInWords } from '../../../shared/output/banner';
import { limitsDrawnText, overdispersionBanner } from '../../../shared/output/words';
import type { VariationResult } from '../../../shared/analysis/variation';
import { TWELVE, variationFixture } from '../charts/variation-fixture';

/** Twelve centres, the 9th far below the others; 1st and 3rd named. */
const fixture = (direction: 'higher-is-better' | 'lower-is-better' = 'higher-is-better'): VariationResult => {
  const r = variationFixture({ ...TWELVE, names: TWELVE.n.map((_, i) => `R${String(i + 1).padStart(2, '0')}`), centreNames: TWELVE.n.map((_, i) => (i === 8 ? 'Ninth NHS Trust' : null)) });
  return { ...r, measure: { ...r.measure, direction } };
};

describe('outliers in words', () => {
  it('splits better and worse by the standard direction, with counts', () => {
    const w = outliersInWords(fixture());
    expect(w.worse).toMatchObject({ count: 1, groups: ['R09'], sentence: 'Worse than expected (1): R09 Ninth NHS Trust.' });
    expect(w.better).toMatchObject({ count: 0, sentence: 'Better than expected: none.' });
    const low = outliersInWords(fixture('lower-is-better'));
    expect(low.better.groups).toEqual(['R09']);
    expect(low.worse.count).toBe(0);
  });

  it('puts the selected centre on its own line first', () => {
    const w = outliersInWords(fixture(), { selected: 'R02' });
    expect(w.lines[0]).toMatch(/^Your centre R02: 87\.5% of 40, within the limits, as expected\.$/);
    expect(w.lines.slice(1)).toEqual([w.worse.sentence, w.better.sentence]);
    expect(outliersInWords(fixture(), { selected: 'R09' }).selectedLine).toBe('Your centre R09 Ninth NHS Trust: 63.6% of 220, worse than expected (below 99.8% limit).');
  });

  it('counts 95% outliers when asked', () => {
    expect(outliersInWords(fixture(), { level: '95' }).worse.count).toBeGreaterThanOrEqual(1);
  });

  it('labels a centre by code and name', () => {
    expect(centreLabel({ group: 'RTH', name: 'Oxford University Hospitals NHS Foundation Trust' })).toBe('RTH Oxford University Hospitals NHS Foundation Trust');
    expect(centreLabel({ group: 'RTH', name: null })).toBe('RTH');
  });
});

describe('banner sentences', () => {
  it('counts patients as summed denominators and names the as-of date', () => {
    expect(countSentence(fixture())).toBe('1,955 patients in 12 centres, as of 31/03/2024.');
  });

  it('says in plain words what the automatic adjustment did, and the fallback', () => {
    const od = { method: 'auto', drawn: 'additive', phi: 19.7, tau2: 0.03, applied: true, fallback: false, message: null, banner: '' } as const;
    expect(overdispersionBanner(od)).toBe("Centres vary far more than chance alone explains (phi = 19.7), so the limits allow for that; choose 'None' to see unadjusted limits.");
    expect(overdispersionBanner({ ...od, drawn: 'none', phi: 0.82, tau2: 0, applied: false })).toBe('Centres vary no more than chance alone explains (phi = 0.82), so the limits are not adjusted: a centre outside them differs by more than chance.');
    expect(overdispersionBanner({ ...od, method: 'none', drawn: 'none', tau2: 0, applied: false })).toMatch(/^Limits not adjusted: centres vary far more than chance alone explains \(phi = 19\.7\).*choose 'Automatic'/);
    expect(limitsDrawnText({ limits: 'arcsine', overdispersion: od })).toBe('Arcsine, widened for overdispersion (additive random effects)');
    expect(limitsDrawnText({ limits: 'exact', overdispersion: { ...od, drawn: 'none', applied: false } })).toBe('Exact binomial');
  });

  it('orders the lines: counts, overdispersion, selected, worse, better', () => {
    const r = fixture();
    const lines = bannerLines(r, { selected: 'R01' });
    expect(lines[0]).toBe(countSentence(r));
    expect(lines[1]).toBe(r.overdispersion.banner);
    expect(lines[2]).toMatch(/^Your centre R01/);
    expect(lines.slice(3)).toEqual(['Worse than expected (1): R09 Ninth NHS Trust.', 'Better than expected: none.']);
  });
});

describe('period analysed for a patient-level extract', () => {
  it('names the start dates of the patients counted and the as-of date', async () => {
    const { analyseVariation } = await import('../../../shared/analysis/variation');
    const { buildTable } = await import('../analysis/build-table');
    const { findStandard, SHIPPED_STANDARDS } = await import('../../../shared/standards/catalogue');
    const table = buildTable({ centre_code: ['A', 'A', 'B'], referral_date: ['2024-01-05', '2024-03-01', '2024-02-10'], first_seen_date: ['2024-01-20', null, '2024-02-20'] });
    const r = analyseVariation(table, findStandard(SHIPPED_STANDARDS, '4plus4-part1')!, { asOf: '2024-06-30' });
    expect(r.startRange).toEqual({ from: '2024-01-05', to: '2024-03-01' });
    expect(countSentence(r)).toBe('3 patients in 2 centres, start dates 05/01/2024 to 01/03/2024, as of 30/06/2024.');
  });
});

describe('centres outside the 95% limits only', () => {
  it('are named after the 99.8% list as worth a look, on their own side, and never counted as outliers', () => {
    const base = fixture();
    const r: VariationResult = { ...base, groups: base.groups.map((g) => (g.group === 'R02' ? { ...g, band: 'below95' } : g.group === 'R05' ? { ...g, band: 'above95' } : g)) };
    const w = outliersInWords(r);
    expect(w.worse.count).toBe(1);
    expect(w.worse.sentence).toBe('Worse than expected (1): R09 Ninth NHS Trust. Below the 95% limits only (1; worth a look, though about 1 centre in 20 lies there by chance): R02.');
    expect(w.better.sentence).toBe('Better than expected: none. Above the 95% limits only (1; worth a look, though about 1 centre in 20 lies there by chance): R05.');
    // Counting at the 95% level lists them as outliers instead, with no second clause.
    expect(outliersInWords(r, { level: '95' }).worse.sentence).toMatch(/^Worse than expected \(2\): [^.]*\.$/);
  });
});

describe('a long list of centres outside the 95% limits only', () => {
  it('names the three furthest and counts the rest', () => {
    const base = fixture();
    const r: VariationResult = { ...base, groups: base.groups.map((g) => (g.group === 'R09' ? g : { ...g, band: 'above95' })) };
    expect(outliersInWords(r).better.sentence).toMatch(/^Better than expected: none\. Above the 95% limits only \(11; [^)]*\): R\d\d, R\d\d, R\d\d and 8 more \(see the table\)\.$/);
  });
});
