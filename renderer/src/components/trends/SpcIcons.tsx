/**
 * The Making Data Count variation and assurance icons beside a chart, drawn by the engine
 * (shared/charts/mdc-icons: letters and shapes as well as colour) and named in words.
 */
import type { AssuranceIconName, VariationIconName } from '../../../../shared/analysis/spc-series';
import {
  ASSURANCE_ICON_LABEL, VARIATION_ICON_LABEL, assuranceIconSvg, svgDataUri, variationIconSvg,
} from '../../../../shared/charts/mdc-icons';
import { formatValue } from './SpcPointsTable';

/** One icon as an image with its label as the accessible name. */
export function VariationIcon({ icon, size }: { icon: VariationIconName; size: number }) {
  return <img className="mdc-icon" src={svgDataUri(variationIconSvg(icon, size))} width={size} height={size} alt={VARIATION_ICON_LABEL[icon]} title={VARIATION_ICON_LABEL[icon]} />;
}

export function AssuranceIcon({ icon, size }: { icon: AssuranceIconName; size: number }) {
  return <img className="mdc-icon" src={svgDataUri(assuranceIconSvg(icon, size))} width={size} height={size} alt={ASSURANCE_ICON_LABEL[icon]} title={ASSURANCE_ICON_LABEL[icon]} />;
}

const PANEL_ICON_SIZE = 56;

export function SpcIcons({ variation, assurance, target, proportion }: {
  variation: VariationIconName;
  assurance: AssuranceIconName | null;
  target: number | null;
  proportion: boolean;
}) {
  return (
    <aside className="panel trends__icons" aria-label="Making Data Count icons">
      <h3>Reading</h3>
      <figure>
        <VariationIcon icon={variation} size={PANEL_ICON_SIZE} />
        <figcaption>{VARIATION_ICON_LABEL[variation]}</figcaption>
      </figure>
      <figure>
        {assurance ? <AssuranceIcon icon={assurance} size={PANEL_ICON_SIZE} /> : null}
        <figcaption>
          {assurance
            ? `${ASSURANCE_ICON_LABEL[assurance]} (target ${formatValue(target, proportion)})`
            : target === null ? 'No assurance icon: no target set.' : 'No assurance icon: a run chart, or no limits yet, cannot judge the target.'}
        </figcaption>
      </figure>
    </aside>
  );
}
