/**
 * One standard as people browse it: title, id, kind, what counts as met, tiers, population,
 * source, and badges for provenance ("Provisional" / "Confirmed") and local changes.
 */
import { useEffect, useId, useRef } from 'react';
import { isTiered, type Standard } from '../../../../shared/standards';
import { TIER_LABELS, criterionText, kindLabel, populationText, tierRows } from './describe';
import { StandardForm } from './StandardForm';
import { ABSENT_TIER_WORD } from '../../../../shared/output/tables';

/** What each badge means; shown in the page legend and as the badge's tooltip. */
export const BADGE_EXPLANATIONS = {
  provisional: 'Provisional: the reading of this standard, or its time frames, is not yet confirmed against the source. Check it before relying on results, and mark it Confirmed when you have.',
  confirmed: 'Confirmed: the standard is taken as published by its source.',
  edited: 'Edited locally: you changed this standard on this computer; the shipped version is kept and can be restored.',
  added: 'Added locally: you added this standard on this computer.',
} as const;

export interface StandardCardProps {
  standard: Standard;
  /** The shipped version when the standard is edited locally. */
  shipped: Standard | null;
  added: boolean;
  editing: boolean;
  onEdit: () => void;
  onCancelEdit: () => void;
  onSave: (standard: Standard) => Promise<void>;
  onReset: () => void;
  onRemove: () => void;
}

/** A provenance or local-change badge with its explanation as a tooltip. */
export function Badge({ kind }: { kind: keyof typeof BADGE_EXPLANATIONS }) {
  const text = { provisional: 'Provisional', confirmed: 'Confirmed', edited: 'Edited locally', added: 'Added locally' }[kind];
  return (
    <span className={`std-badge std-badge--${kind}`} title={BADGE_EXPLANATIONS[kind]}>{text}</span>
  );
}

export function StandardCard({ standard, shipped, added, editing, onEdit, onCancelEdit, onSave, onReset, onRemove }: StandardCardProps) {
  const titleId = useId();
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(editing);
  const rows = tierRows(standard);
  // Tiers of a time frame have days (null for a tier the standard lacks); tier targets alone have none.
  const timed = standard.kind === 'interval' && isTiered(standard.thresholds);
  const edited = shipped !== null;

  // Back from the editor, focus returns to the card's Edit button.
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  return (
    <article className={`std-card${editing ? ' is-editing' : ''}${edited ? ' is-edited' : ''}`} aria-labelledby={titleId}>
      <header className="std-card__header">
        <h4 id={titleId}>{standard.title}</h4>
        <p className="std-card__badges">
          <Badge kind={standard.provenance} />
          {edited && <Badge kind="edited" />}
          {added && <Badge kind="added" />}
        </p>
      </header>
      <p className="std-card__meta">
        <span className="std-card__short">{standard.shortTitle}</span>
        <span aria-hidden="true"> · </span>
        <span>id <code>{standard.id}</code></span>
        <span aria-hidden="true"> · </span>
        <span>{kindLabel(standard.kind)}</span>
        <span aria-hidden="true"> · </span>
        <span>{standard.direction === 'lower-is-better' ? 'lower share is better' : 'higher share is better'}</span>
      </p>

      {editing ? (
        <StandardForm standard={standard} onSubmit={onSave} onCancel={onCancelEdit} />
      ) : (
        <>
          <dl className="std-card__facts">
            <dt>Met when</dt>
            <dd>{criterionText(standard)}</dd>
            <dt>Population</dt>
            <dd>{populationText(standard.population)}</dd>
            {rows.length > 0 && (
              <>
                <dt>Tiers</dt>
                <dd>
                  <table className="compact std-tiers">
                    <caption className="visually-hidden">Tiers of {standard.shortTitle}</caption>
                    <thead>
                      <tr>
                        <th scope="col">Tier</th>
                        {timed && <th scope="col" className="num">Time frame</th>}
                        <th scope="col" className="num">Required share</th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((row) => (
                        <tr key={row.tier}>
                          <th scope="row">{TIER_LABELS[row.tier]}</th>
                          {/* A tier the standard does not have (Brain Health leaves some out) says so, instead of a blank. */}
                          {timed && <td className="num">{row.days === null ? <span className="muted">{ABSENT_TIER_WORD}</span> : `${row.days} days`}</td>}
                          <td className="num">{timed && row.days === null ? '–' : row.share}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </dd>
              </>
            )}
            <dt>Source</dt>
            <dd><cite>{standard.source}</cite></dd>
            {standard.notes && (
              <>
                <dt>Notes</dt>
                <dd className="muted">{standard.notes}</dd>
              </>
            )}
            {shipped && (
              <>
                <dt>Shipped</dt>
                <dd className="muted">{criterionText(shipped)}{shipped.provenance !== standard.provenance ? ` (${shipped.provenance})` : ''}</dd>
              </>
            )}
          </dl>
          {standard.provenance === 'provisional' && (
            <p className="std-card__provisional">Provisional: not yet confirmed against its source. Check it before relying on results.</p>
          )}
          <div className="button-row std-card__actions">
            <button type="button" ref={editButton} onClick={onEdit}>
              Edit<span className="visually-hidden"> {standard.shortTitle}</span>
            </button>
            {edited && (
              <button type="button" onClick={onReset}>
                Reset<span className="visually-hidden"> {standard.shortTitle}</span> to shipped
              </button>
            )}
            {added && (
              <button type="button" className="link danger" onClick={onRemove}>
                Remove<span className="visually-hidden"> {standard.shortTitle}</span>
              </button>
            )}
          </div>
        </>
      )}
    </article>
  );
}
