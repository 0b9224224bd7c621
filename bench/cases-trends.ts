/**
 * Trend cases on the 1M-row extract, after it is imported (setup, not timed):
 * - board-120x10: the board view (summary matrix), every centre x 10 interval measures x 36 months,
 *   each cell an SPC chart's latest point with its variation and assurance icons (issue 8 target:
 *   under 1 s).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readTabular } from '../shared/io/read';
import { importExtract } from '../shared/io/pipeline';
import { computeBoard } from '../shared/analysis/board';
import { SHIPPED_STANDARDS } from '../shared/standards/catalogue';
import type { ColumnarTable } from '../shared/data/table';
import { registerCase, type BenchContext } from './cases';

/** Measures on the board: the first 10 shipped measures that can be charted over time. */
const BOARD_MEASURES = 10;

async function importedTable(ctx: BenchContext): Promise<ColumnarTable> {
  const raw = await readTabular(new Uint8Array(readFileSync(ctx.file)), path.basename(ctx.file));
  const result = await importExtract(raw, path.basename(ctx.file), { pseudonymKey: new Uint8Array(32) });
  return result.table;
}

registerCase({
  id: 'board-120x10',
  label: 'board view: every centre x 10 measures, monthly p-charts, latest value + icons (1M rows)',
  runs: 5,
  setup: importedTable,
  run: async (_ctx, state) => {
    const standards = SHIPPED_STANDARDS.filter((s) => s.kind === 'interval' || s.kind === 'composite').slice(0, BOARD_MEASURES);
    const cpu = process.cpuUsage();
    const board = computeBoard(state as ColumnarTable, standards, { granularity: 'month' });
    const used = process.cpuUsage(cpu);
    const months = Math.max(...board.cells.map((c) => c.points));
    // CPU time of this thread's work, so a loaded shared machine can be told apart from slow code.
    return { centres: board.groups.length, measures: board.measures.length, cells: board.cells.length, maxMonths: months, cpuUserMs: Math.round(used.user / 1000) };
  },
});
