/** Analysis: measures per row, variation between centres, tier summaries and centre profiles. */
export * from './filter';
export * from './measure';
export * from './variation';
export * from './tiers';
export * from './profile';
export * from './periods';
export * from './funnel-curve';
