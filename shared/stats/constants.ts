// Every number the variation statistics depend on, in one place, with where it comes from.
// See ../../../shared/design/methods.md ("Conventions") for the choices behind them.

/** A two-sided limit expressed as lower and upper tail probabilities. */
export interface TailProbabilities {
  readonly lower: number;
  readonly upper: number;
}

/** Normal deviate for a two-sided 95% limit: qnorm(0.975) (Wichura 1988, AS 241; R `qnorm`). */
export const Z95 = 1.959963984540054;

/** Normal deviate for a two-sided 99.8% limit: qnorm(0.999) (Wichura 1988, AS 241; R `qnorm`). */
export const Z998 = 3.090232306167813;

/** Tail probabilities of the 95% funnel / interval (FunnelPlotR, Fingertips). */
export const P95: TailProbabilities = Object.freeze({ lower: 0.025, upper: 0.975 });

/** Tail probabilities of the 99.8% funnel / interval (FunnelPlotR, Fingertips). */
export const P998: TailProbabilities = Object.freeze({ lower: 0.001, upper: 0.999 });

/**
 * Bias-correction constant d2 for moving ranges of two points (d2(n=2) = 2/sqrt(pi) = 1.128;
 * Montgomery, Introduction to Statistical Quality Control, appendix table VI). Used for sigma from
 * the average moving range, and for Laney's sigma_z (Laney 2002).
 */
export const SPC_D2 = 1.128;

/**
 * XmR process-limit multiplier: 3 / d2 = 3 / 1.128 = 2.66 (Wheeler, Understanding Variation;
 * NHSRplotthedots `ptd_spc`, NHS England "Making Data Count").
 */
export const SPC_LIMIT_MULTIPLIER = 2.66;

/**
 * Upper range limit of the moving-range chart, D4(n=2) = 3.267, used to screen large moving ranges
 * before recomputing the average (NHSRplotthedots `screen_outliers`; Montgomery appendix VI).
 */
export const SPC_MR_SCREEN = 3.267;

/** Near-limit ("2 sigma") lines sit at two thirds of the 3-sigma distance (Making Data Count). */
export const SPC_NEAR_LIMIT_FRACTION = 2 / 3;

/** Sigma multiplier of attribute-chart process limits (Shewhart 3-sigma; p-chart, Laney p'). */
export const SPC_SIGMA_MULTIPLIER = 3;

/** Points in a trend run: 7 points, i.e. 6 rising or falling steps (Making Data Count). */
export const SPC_TREND_POINTS = 7;

/** Points in a shift run: 7 consecutive points on one side of the mean (Making Data Count). */
export const SPC_SHIFT_POINTS = 7;

/** The "6-point" rule variant some trusts use for both trend and shift runs (NHSRplotthedots option). */
export const SPC_RUN_POINTS_VARIANT = 6;

/** Fewer points than this in a segment means its limits are "trial limits" (methods.md, SPC). */
export const SPC_TRIAL_LIMIT_POINTS = 13;

/** A fixed SPC baseline must have at least this many points (NHSRplotthedots `fix_after_n_points`). */
export const SPC_MIN_BASELINE = 12;

/** Fraction winsorised at each end before estimating phi (Spiegelhalter 2005; FunnelPlotR `trim_by`). */
export const WINSORISE_FRACTION = 0.1;

/** Below this observed count Poisson intervals are exact, at or above it Byar's (PHEindicatormethods). */
export const BYAR_MIN_COUNT = 10;

/**
 * Tolerance of survfit's quantiles (quantile.survfit `tolerance = sqrt(.Machine$double.eps)`): a
 * curve within this of p over a flat stretch is "exactly p", and the quantile is the stretch's midpoint.
 */
export const SURVFIT_QUANTILE_TOLERANCE = 1.4901161193847656e-8;

/** Machine epsilon for doubles, the stopping tolerance of series and continued fractions. */
export const DOUBLE_EPSILON = 2.220446049250313e-16;

/**
 * Relative fuzz on a probability before a discrete quantile search, so that F(r) = p computed a few
 * ulps low still returns r (R `qbinom` / `qpois`: p * (1 - 64 * DBL_EPSILON), "left continuity").
 */
export const DISCRETE_QUANTILE_FUZZ = 64 * DOUBLE_EPSILON;
