/**
 * Costs and benefits year by year (year 0 first and undiscounted), the Green Book discount factor,
 * the discounted net, and totals: exactly the lines and totals the model returns (computeBusinessCase,
 * and lineTotals for each line's total over the years); the page adds nothing up itself.
 */
import { lineTotals, type BusinessCaseResult } from '../../../../shared/business-case/model';
import { formatMoney } from './format';

export function CashFlowTable({ result }: { result: BusinessCaseResult }) {
  const years = result.years;
  const lines = lineTotals(result);
  const row = (label: string, values: string[], total: string, className?: string) => (
    <tr key={label} className={className}>
      <th scope="row">{label}</th>
      {values.map((v, i) => <td key={i}>{v}</td>)}
      <td className="cash__total">{total}</td>
    </tr>
  );
  return (
    <table className="cash">
      <caption>Costs and benefits by year (GBP; net cost = costs − benefits, a negative net is a saving; each line's total is over all the years shown)</caption>
      <thead>
        <tr>
          <th scope="col">Line</th>
          {years.map((y) => <th key={y.year} scope="col">Year {y.year}</th>)}
          <th scope="col">Total</th>
        </tr>
      </thead>
      <tbody>
        {lines.filter((l) => l.kind === 'cost').map((l) => row(l.label, l.amounts.map(formatMoney), formatMoney(l.total)))}
        {row('Costs', years.map((y) => formatMoney(y.costs)), formatMoney(result.totals.costs), 'cash__sum')}
        {lines.filter((l) => l.kind === 'benefit').map((l) => row(l.label, l.amounts.map(formatMoney), formatMoney(l.total)))}
        {row('Benefits', years.map((y) => formatMoney(y.benefits)), formatMoney(result.totals.benefits), 'cash__sum')}
        {row('Net cost', years.map((y) => formatMoney(y.net)), formatMoney(result.totals.net), 'cash__sum')}
        {row('Discount factor', years.map((y) => y.discountFactor.toFixed(4)), '', 'cash__factor')}
        {row('Discounted net cost', years.map((y) => formatMoney(y.discountedNet)), formatMoney(result.totals.discountedNet), 'cash__sum cash__key')}
      </tbody>
    </table>
  );
}
