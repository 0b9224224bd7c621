/**
 * Disease-modifying therapies classed as high efficacy, as data (editable in the catalogue).
 * Source: NHS England, "Treatment algorithm for multiple sclerosis disease-modifying therapies"
 * (NHS England 170079ALG, updated 2023), high-efficacy group. Brand names are listed with generic
 * names because extracts record either. Marked provisional: check against the current algorithm.
 */
export const HIGH_EFFICACY_DMTS_SOURCE =
  'NHS England, Treatment algorithm for multiple sclerosis disease-modifying therapies (170079ALG, 2023 update): high-efficacy group';

/** Generic and brand names of high-efficacy DMTs (matched case-insensitively). */
export const HIGH_EFFICACY_DMTS: readonly string[] = Object.freeze([
  'alemtuzumab', 'Lemtrada',
  'cladribine', 'Mavenclad',
  'natalizumab', 'Tysabri', 'Tyruko',
  'ocrelizumab', 'Ocrevus',
  'ofatumumab', 'Kesimpta',
  'ublituximab', 'Briumvi',
]);
