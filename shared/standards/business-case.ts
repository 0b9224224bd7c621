/**
 * Figures for the business case (domain.md, "Figures for the business case"): defaults, each with
 * its source, all editable by the user.
 */

/** A default figure with its source. */
export interface SourcedFigure {
  readonly value: number;
  readonly unit: string;
  readonly source: string;
}

/**
 * Sustainable MS nurse caseload: 315 people with MS per whole-time-equivalent (WTE) nurse
 * (MS Trust, revised November 2018; the earlier GEMSS figure of 358 was withdrawn).
 */
export const MS_NURSE_CASELOAD_PER_WTE: SourcedFigure = Object.freeze({
  value: 315, unit: 'people with MS per WTE MS nurse', source: 'MS Trust, sustainable caseload, revised November 2018 (replaces the withdrawn GEMSS figure of 358)',
});

/** Administrative support per WTE MS nurse (MS Trust, November 2018). */
export const MS_NURSE_ADMIN_WTE_PER_NURSE: SourcedFigure = Object.freeze({
  value: 0.6, unit: 'WTE admin support per WTE MS nurse', source: 'MS Trust, sustainable caseload, revised November 2018',
});

/** WTE MS nurses (and admin support) a caseload needs at the sustainable figures. */
export function msNurseWte(caseload: number, perWte: number = MS_NURSE_CASELOAD_PER_WTE.value, adminPerNurse: number = MS_NURSE_ADMIN_WTE_PER_NURSE.value): { nurses: number; admin: number } {
  if (!(caseload >= 0) || !(perWte > 0)) throw new RangeError(`A caseload of ${caseload} and ${perWte} people per nurse cannot give a number of nurses.`);
  const nurses = caseload / perWte;
  return { nurses, admin: nurses * adminPerNurse };
}
