/**
 * Implementation of TrendsApi inside the dataset worker: each operation runs shared/ functions on
 * the open extract and returns plain, structured-cloneable results.
 */
import type { ColumnarTable } from '../../../shared/data/table';
import { toStandard } from '../../../shared/analysis/variation';
import { spcFromTable } from '../../../shared/analysis/spc-report';
import { computeBoard } from '../../../shared/analysis/board';
import { beforeAfter } from '../../../shared/analysis/before-after';
import { buildTrendSeries } from '../../../shared/analysis/trends';
import { MeasureError } from '../../../shared/analysis/filter';
import { waitsFromTable } from '../../../shared/analysis/waits';
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
    async board({ standards, granularity, choices }) {
      const started = performance.now();
      // Direction and target come from each standard; only the rule choices are shared.
      const { direction: _direction, target: _target, ...shared } = choices;
      const board = computeBoard(current(), standards, { by: 'centre_code', granularity, choices: shared });
      return { board, ms: performance.now() - started };
    },
    async beforeAfter({ spec, by, group, granularity, date }) {
      const groups = by === null || group === null ? undefined : [group];
      const built = buildTrendSeries(current(), toStandard(spec), { by, groups, granularity, statistic: 'proportion' });
      const points = built.series[0]?.points ?? [];
      if (points.length === 0) throw new MeasureError(`No ${built.measure.shortTitle} data for ${group ?? 'the nation'}.`);
      return beforeAfter(points, date);
    },
    async waits(options) {
      const started = performance.now();
      const result = waitsFromTable(current(), options);
      return { result, ms: performance.now() - started };
    },
  };
}
