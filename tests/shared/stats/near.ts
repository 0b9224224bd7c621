// Test helper: absolute-tolerance comparison that says which value was off and by how much.
import { expect } from 'vitest';

/** Asserts |actual - expected| <= tolerance (methods.md asks for 1e-6 absolute). */
export function expectNear(actual: number, expected: number, tolerance = 1e-6, label = ''): void {
  const difference = Math.abs(actual - expected);
  expect(difference, `${label} got ${actual}, expected ${expected} (difference ${difference})`).toBeLessThanOrEqual(tolerance);
}

/** Asserts |actual - expected| <= tolerance * max(1, |expected|). */
export function expectRelative(actual: number, expected: number, tolerance: number, label = ''): void {
  expectNear(actual, expected, tolerance * Math.max(1, Math.abs(expected)), label);
}
