import { describe, expect, it } from 'vitest';
import * as stats from '../../../shared/stats/index';

describe('shared/stats public API', () => {
  it('exports the names other parts of the workbench code against', () => {
    const functions = [
      'normalQuantile', 'normalCdf', 'binomialCdf', 'binomialQuantile', 'betaInv', 'chiSquareInv', 'poissonCdf',
      'incompleteBeta', 'incompleteGammaP', 'incompleteGammaQ', 'regularizedBeta', 'regularizedGamma',
      'stableMean', 'quantileType7', 'wilsonInterval', 'clopperPearsonInterval',
      'funnelLimits', 'exactLimitParts', 'pooledTarget', 'funnelPosition',
      'overdispersion', 'adjustedFunnelLimits',
      'poissonInterval', 'byarInterval', 'exactPoissonInterval', 'standardisedRatioLimits',
      'medianWithCI', 'kaplanMeier', 'xmrChart', 'pChart', 'laneyPChart', 'evaluateRules',
      'variationIcon', 'assuranceIcon', 'compareToBenchmark', 'spineScale', 'spinePosition',
    ] as const;
    for (const name of functions) expect(typeof stats[name], name).toBe('function');
  });

  it('exports the constants with their exact values', () => {
    expect(stats.Z95).toBe(1.959963984540054);
    expect(stats.Z998).toBe(3.090232306167813);
    expect(stats.P95).toEqual({ lower: 0.025, upper: 0.975 });
    expect(stats.P998).toEqual({ lower: 0.001, upper: 0.999 });
    expect([stats.SPC_LIMIT_MULTIPLIER, stats.SPC_MR_SCREEN, stats.SPC_D2]).toEqual([2.66, 3.267, 1.128]);
  });
});
