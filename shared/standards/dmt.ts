/**
 * Disease-modifying therapies (DMTs) by efficacy category, as data (editable in the catalogue).
 * The NHS England DMT treatment algorithm (170079ALG, first published 4 September 2018, updated
 * 20 June 2023) is organised by clinical situation and has no official "high-efficacy" list. UK
 * teaching sources use three categories (domain.md, "Status measures"): moderately effective,
 * more effective and highly effective; NICE TA699 (ofatumumab) and TA1025 (ublituximab) place
 * those two with the highly effective group. Marked provisional. Brand names are listed with
 * generic names because extracts record either (matched case-insensitively).
 */

/** Where the three-level classification comes from. */
export const DMT_EFFICACY_SOURCE =
  'UK teaching classification of DMTs in three efficacy categories (moderately effective, more effective, highly effective); NICE TA699 and TA1025 for ofatumumab and ublituximab; NHS England DMT treatment algorithm 170079ALG (2023 update) for context (it has no official high-efficacy list)';

/** @deprecated Use DMT_EFFICACY_SOURCE (kept for callers of the old name). */
export const HIGH_EFFICACY_DMTS_SOURCE = DMT_EFFICACY_SOURCE;

/** The three efficacy categories, least to most effective. */
export const DMT_EFFICACY_CATEGORIES = ['moderately effective', 'more effective', 'highly effective'] as const;
export type DmtEfficacyCategory = (typeof DMT_EFFICACY_CATEGORIES)[number];

/** Generic and brand names per efficacy category (provisional, editable). */
export const DMT_EFFICACY: Readonly<Record<DmtEfficacyCategory, readonly string[]>> = Object.freeze({
  'moderately effective': Object.freeze([
    'interferon beta', 'interferon beta-1a', 'interferon beta-1b', 'peginterferon beta-1a', 'Avonex', 'Rebif', 'Plegridy', 'Betaferon', 'Extavia',
    'glatiramer acetate', 'Copaxone', 'Brabio',
    'teriflunomide', 'Aubagio',
  ]),
  'more effective': Object.freeze([
    'fingolimod', 'Gilenya',
    'dimethyl fumarate', 'Tecfidera',
    'cladribine', 'Mavenclad',
  ]),
  'highly effective': Object.freeze([
    'alemtuzumab', 'Lemtrada',
    'natalizumab', 'Tysabri', 'Tyruko',
    'ocrelizumab', 'Ocrevus',
    'ofatumumab', 'Kesimpta',
    'ublituximab', 'Briumvi',
  ]),
});

/** Names in the "highly effective" category: the numerator of the shipped highly-effective DMT measure. */
export const HIGH_EFFICACY_DMTS: readonly string[] = DMT_EFFICACY['highly effective'];

/** The efficacy category of a DMT name (generic or brand, any case), or null when it is not listed. */
export function dmtEfficacy(name: string, table: Readonly<Record<DmtEfficacyCategory, readonly string[]>> = DMT_EFFICACY): DmtEfficacyCategory | null {
  const wanted = name.trim().toLowerCase();
  for (const category of DMT_EFFICACY_CATEGORIES) if (table[category].some((n) => n.toLowerCase() === wanted)) return category;
  return null;
}
