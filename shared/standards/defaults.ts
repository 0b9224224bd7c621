/**
 * Defaults the standards and their measures depend on, in one place, each with its source.
 * All of them are editable per standard in the catalogue; these are only what ships.
 */

/**
 * Share of a centre's patients that must meet a tier's time frame for the centre to be classed
 * at that tier. Workbench default, not from Hobart et al. 2019 (the paper sets time frames, not a
 * required share); 80% follows common NHS waiting-time practice and is editable per standard.
 */
export const DEFAULT_REQUIRED_SHARE = 0.8;

/** Days in "the last 12 months" and "at least once a year" (NICE QS108 statement 6). */
export const DAYS_PER_YEAR = 365;

/** One 4-week interval of the 4+4 ambition (UK MS metrics pilot, JNNP 2019;90:e45). */
export const FOUR_WEEKS_DAYS = 28;

/** Tier names from most to least demanding (Hobart et al., Mult Scler 2019;25(13):1809-1818). */
export const TIERS = ['aspirational', 'achievable', 'core'] as const;
