/**
 * Every input of the business case in one group (where the centre stands, capacity, costs,
 * benefits, discounting): its value, unit, the low and high the tornado uses, and its source. All
 * editable; the model (shared/business-case setInput) checks each value and says what is allowed.
 */
import type { BusinessCaseInput, InputGroup } from '../../../../shared/business-case/model';
import { NumberField } from './NumberField';
import { isPercentInput, unitText } from './format';

const ORIGIN_TEXT: Record<BusinessCaseInput['origin'], string> = { data: 'From your data', default: 'Default', user: 'Yours' };

export function AssumptionsTable({ inputs, group, caption, onSet }: {
  inputs: readonly BusinessCaseInput[];
  group: InputGroup;
  caption: string;
  /** Set `name`, `name.low` or `name.high`; throws the model's message on a refused value. */
  onSet: (key: string, value: number) => void;
}) {
  const rows = inputs.filter((i) => i.group === group);
  return (
    <table className="assumptions">
      <caption>{caption}</caption>
      <colgroup>
        <col className="col-name" /><col className="col-value" /><col className="col-range" /><col className="col-range" /><col className="col-source" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">Assumption</th>
          <th scope="col">Value</th>
          <th scope="col"><abbr title="Values the sensitivity (tornado) analysis tries">Low</abbr></th>
          <th scope="col">High</th>
          <th scope="col">Source</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((input) => {
          const percent = isPercentInput(input);
          const unit = unitText(input);
          return (
            <tr key={input.name} data-input={input.name}>
              <th scope="row">{input.label}</th>
              <td><NumberField label={`${input.label} (${unit})`} value={input.value} unit={unit} percent={percent} onCommit={(v) => onSet(input.name, v)} /></td>
              <td><NumberField className="number-field--range" label={`Low value of ${input.label} (${unit})`} value={input.low} percent={percent} onCommit={(v) => onSet(`${input.name}.low`, v)} /></td>
              <td><NumberField className="number-field--range" label={`High value of ${input.label} (${unit})`} value={input.high} percent={percent} onCommit={(v) => onSet(`${input.name}.high`, v)} /></td>
              <td className="assumptions__source">
                <span className={`origin origin--${input.origin}`}>{ORIGIN_TEXT[input.origin]}</span> {input.source}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
