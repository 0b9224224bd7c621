/**
 * Sensitivity: the tornado (shared/charts tornado-spec, the same spec the report draws), the table
 * of every bar as its text alternative, and the best and worst cases. Low and high of each
 * assumption are edited in the assumptions tables.
 */
import { useMemo } from 'react';
import type { Sensitivity } from '../../../../shared/business-case/sensitivity';
import { tornadoLabel, tornadoSpec } from '../../../../shared/charts/tornado-spec';
import { VegaChart } from '../charts/VegaChart';
import { formatMoney } from './format';

const TORNADO_WIDTH = 560;

export function SensitivityPanel({ sensitivity, years }: { sensitivity: Sensitivity; years: number }) {
  const spec = useMemo(() => tornadoSpec(sensitivity, { width: TORNADO_WIDTH, years }), [sensitivity, years]);
  const widest = sensitivity.bars[0];
  return (
    <section className="panel business-case__section" aria-labelledby="bc-sensitivity">
      <h2 id="bc-sensitivity">Sensitivity</h2>
      <p>
        Base case: <strong>{formatMoney(sensitivity.base)}</strong> discounted net cost.
        {' '}Best case (every assumption at its more favourable end): <strong>{formatMoney(sensitivity.best)}</strong>;
        {' '}worst case: <strong>{formatMoney(sensitivity.worst)}</strong>.
      </p>
      {sensitivity.bars.length === 0 ? (
        <p className="muted">No assumption has a low and high that differ, so there is nothing to vary.</p>
      ) : (
        <div className="business-case__tornado">
          <VegaChart
            spec={spec}
            label="Tornado chart: discounted net cost with each assumption at its low and high value"
            description={`The widest bar is ${widest ? tornadoLabel(widest) : ''}. The table beside it lists every assumption.`}
          />
          <table className="tornado-table">
            <caption>Discounted net cost with one assumption at a time at its low or high value</caption>
            <thead>
              <tr><th scope="col">Assumption (low to high)</th><th scope="col">At low</th><th scope="col">At high</th><th scope="col">Swing</th></tr>
            </thead>
            <tbody>
              {sensitivity.bars.map((b) => (
                <tr key={b.name}>
                  <th scope="row">{tornadoLabel(b)}</th>
                  <td>{formatMoney(b.netLow)}</td>
                  <td>{formatMoney(b.netHigh)}</td>
                  <td>{formatMoney(b.swing)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
