/** The one output path: words, banner sentences, publication (suppression + published statistics + footnote), tables. */
export * from './words';
export * from './banner';
export * from './publish';
export * from './tables';
