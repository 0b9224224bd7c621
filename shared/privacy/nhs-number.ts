/**
 * NHS numbers: 10 digits, the last a Modulus 11 check digit (domain.md, "Identifiers and
 * disclosure control"; NHS Data Dictionary, "NHS Number"). Written plainly or in 3-3-4 groups
 * separated by spaces or dashes, e.g. "943 476 5919" or "943-476-5919".
 */

/** Weight of the first digit; weights fall by one to 2 on digit 9 (NHS Data Dictionary). */
const FIRST_WEIGHT = 10;
const MODULUS = 11;

/** The check digit the first nine digits call for, or -1 when no check digit is possible (remainder 10). */
export function nhsCheckDigit(nineDigits: string): number {
  if (!/^\d{9}$/.test(nineDigits)) return -1;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (nineDigits.charCodeAt(i) - 48) * (FIRST_WEIGHT - i);
  const check = MODULUS - (sum % MODULUS);
  if (check === MODULUS) return 0;
  if (check === 10) return -1;
  return check;
}

/** The 10 bare digits of a value written as an NHS number (plain or 3-3-4 grouped), or null. */
export function nhsDigits(value: string): string | null {
  const v = value.trim();
  if (v.length === 10) return /^\d{10}$/.test(v) ? v : null;
  const m = /^(\d{3})[ -]?(\d{3})[ -]?(\d{4})$/.exec(v);
  return m ? m[1] + m[2] + m[3] : null;
}

/** Whether a value is a valid NHS number by Modulus 11 (spaces or dashes allowed in 3-3-4 form). */
export function isValidNhsNumber(value: string): boolean {
  // Fast path for plain 10-digit strings, the common case in extracts.
  const digits = nhsDigits(value);
  if (digits === null) return false;
  const check = nhsCheckDigit(digits.slice(0, 9));
  return check >= 0 && check === digits.charCodeAt(9) - 48;
}
