/** The A4 report: builder, stylesheet, SVG rendering, the patient-partner page and its readability check. */
export * from './build';
export * from './css';
export * from './format';
export * from './patient-summary';
export * from './readability';
export * from './svg';
