/** Standards: the schema, the shipped catalogue and the helpers that edit it. */
export * from './schema';
export * from './catalogue';
export * from './defaults';
export * from './dmt';
export * from './business-case';
