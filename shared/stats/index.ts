// The statistics core: intervals, funnel limits, overdispersion, counts, medians, waiting-time
// curves, SPC charts and benchmark comparisons (methods in ../../../shared/design/methods.md).

export * from './constants';
export * from './distributions';
export * from './mean';
export * from './interval';
export * from './wilson';
export * from './clopper-pearson';
export * from './funnel';
export * from './overdispersion';
export * from './poisson';
export * from './median';
export * from './kaplan-meier';
export * from './spc';
export * from './benchmark';
