// Worker entry for the 'ours-parallel' bench case: loads the TypeScript worker through tsx
// (worker threads do not inherit tsx's loader from the parent's --import).
import { tsImport } from 'tsx/esm/api';

await tsImport('./part-worker.ts', import.meta.url);
