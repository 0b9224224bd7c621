/**
 * Analysis cases on the 1M-row extract, after it is imported (setup, not timed):
 * - analyse-one-measure: the per-centre table for one measure (issue target: under 200 ms);
 * - filter-change-all-views: a filter change recomputes what every Variation view shows: the
 *   variation result (funnel, caterpillar, league table) and the funnel and caterpillar specs,
 *   compiled to Vega (target: under 300 ms; browser paint time is not included).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compile } from 'vega-lite';
import { readTabular } from '../shared/io/read';
import { importExtract } from '../shared/io/pipeline';
import { analyseVariation } from '../shared/analysis/variation';
import { findStandard, SHIPPED_STANDARDS } from '../shared/standards/catalogue';
import { funnelSpec } from '../shared/charts/funnel-spec';
import { caterpillarSpec } from '../shared/charts/caterpillar-spec';
import type { ColumnarTable } from '../shared/data/table';
import { registerCase, type BenchContext } from './cases';

const MEASURE = '4plus4-part1';

async function importedTable(ctx: BenchContext): Promise<ColumnarTable> {
  const raw = await readTabular(new Uint8Array(readFileSync(ctx.file)), path.basename(ctx.file));
  const result = await importExtract(raw, path.basename(ctx.file), { pseudonymKey: new Uint8Array(32) });
  return result.table;
}

function measure() {
  const standard = findStandard(SHIPPED_STANDARDS, MEASURE);
  if (!standard) throw new Error(`no shipped standard ${MEASURE}`);
  return standard;
}

registerCase({
  id: 'analyse-one-measure',
  label: `per-centre table for ${MEASURE} (imported 1M rows in memory)`,
  runs: 5,
  setup: importedTable,
  run: async (_ctx, state) => {
    const result = analyseVariation(state as ColumnarTable, measure(), { limits: 'exact' });
    return { groups: result.groups.length, inDenominator: result.accounting.inDenominator };
  },
});

registerCase({
  id: 'filter-change-all-views',
  label: 'filter change: variation result + funnel and caterpillar specs compiled',
  runs: 5,
  setup: importedTable,
  run: async (_ctx, state) => {
    const result = analyseVariation(state as ColumnarTable, measure(), { limits: 'exact', filters: { ms_type: ['RRMS'] } });
    compile(funnelSpec(result, { width: 600, height: 420 }));
    compile(caterpillarSpec(result, { width: 600, height: 420 }));
    return { groups: result.groups.length, inDenominator: result.accounting.inDenominator };
  },
});
