/** Charts: Vega-Lite specs built by pure functions from analysis results (no chart computes its own numbers). */
export * from './palette';
export * from './describe';
export * from './spec-parts';
export * from '../analysis/funnel-curve';
export * from './funnel-spec';
export * from './caterpillar-spec';
export * from './spine-spec';
export * from './tier-summary-spec';
export * from './footnote';
