/** Business case for one centre and one standard: model, prefill from data, sensitivity, scenarios, publication. */
export * from './defaults';
export * from './model';
export * from './sensitivity';
export * from './prefill';
export * from './scenario';
export * from './publish';
export * from './trend';
