/** Words for the SPC rules and point types in tables and screen-reader text (never colour alone). */
import type { SpcPointType, SpcRuleName } from '../../../../shared/analysis/spc-series';

export const RULE_TEXT: Readonly<Record<SpcRuleName, string>> = Object.freeze({
  outside: 'outside the limits',
  twoOfThree: '2 of 3 near a limit',
  trend: 'trend',
  shift: 'shift',
});

export const POINT_TYPE_TEXT: Readonly<Record<SpcPointType, string>> = Object.freeze({
  common_cause: 'Common cause',
  special_cause_improvement: 'Special cause: improvement',
  special_cause_concern: 'Special cause: concern',
  special_cause_neutral_high: 'Special cause: high (neither better nor worse)',
  special_cause_neutral_low: 'Special cause: low (neither better nor worse)',
});
