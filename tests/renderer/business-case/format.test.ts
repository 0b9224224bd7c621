import { describe, expect, it } from 'vitest';
import { defaultInputs } from '../../../shared/business-case/model';
import { editValue, formatMoney, formatShare, inputValueText, isPercentInput, unitText } from '../../../renderer/src/components/business-case/format';

const input = (name: string) => {
  const found = defaultInputs().find((i) => i.name === name);
  if (!found) throw new Error(name);
  return found;
};

describe('business-case figures as the page writes them', () => {
  it('writes money in whole pounds, savings with a minus sign, and no "-£0"', () => {
    expect(formatMoney(944_750.4)).toBe('£944,750');
    expect(formatMoney(-109_869)).toBe('-£109,869');
    expect(formatMoney(-0.2)).toBe('£0');
  });

  it('edits shares and rates bounded 0-1 as percentages, other inputs in their own unit', () => {
    expect(isPercentInput(input('targetShare'))).toBe(true);
    expect(isPercentInput(input('discountRate'))).toBe(true);
    expect(isPercentInput(input('emergencyAdmissionRate'))).toBe(false);
    expect(unitText(input('targetShare'))).toBe('%');
    expect(unitText(input('discountRate'))).toBe('% (per year)');
    expect(unitText(input('nurseCaseloadPerWte'))).toBe('people per WTE');
  });

  it('offers values for editing without floating-point noise', () => {
    expect(editValue(0.035, true)).toBe(3.5);
    expect(editValue(0.21098660, true)).toBe(21.1);
    expect(editValue(0.1 + 0.2, false)).toBe(0.3);
    expect(editValue(285.75, false)).toBe(285.75);
  });

  it('says an input value in words with its unit', () => {
    expect(inputValueText(input('targetShare'))).toBe('80.0%');
    expect(inputValueText(input('discountRate'))).toBe('3.5% per year');
    expect(inputValueText(input('emergencyAdmissionCost'))).toBe('£2,844 per admission');
    expect(inputValueText(input('nurseCaseloadPerWte'))).toBe('315 people per WTE');
    expect(formatShare(0.458)).toBe('45.8%');
  });
});
