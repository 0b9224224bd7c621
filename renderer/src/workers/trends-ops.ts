/**
 * Implementation of TrendsApi inside the dataset worker: each operation runs shared/ functions on
 * the open extract and returns plain, structured-cloneable results.
 */
import type { ColumnarTable } from '../../../shared/data/table';
import { toStandard } from '../../../shared/analysis/variation';
import { spcFromTable } from '../../../shared/analysis/spc-report';
import { trendGroups } from './trend-groups';
import type { TrendRequest, TrendResult, TrendsApi } from './trends-api';

/** The operations, given a way to reach the open extract. */
export function trendsOperations(current: () => ColumnarTable): TrendsApi {
  return {
    async trendGroups() {
      return trendGroups(current());
    },
    async trend(request: TrendRequest): Promise<TrendResult> {
      const started = performance.now();
      const groups = request.by === null || request.group === null ? undefined : [request.group];
      const report = spcFromTable(current(), toStandard(request.spec), {
        by: request.by, groups, granularity: request.granularity, statistic: request.statistic, choices: request.choices,
      });
      const spc = report.series.find((s) => s.points.length > 0) ?? null;
      return { report, spc, ms: performance.now() - started };
    },
  };
}
