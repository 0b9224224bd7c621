/**
 * NHS numbers: 10 digits, the last a Modulus 11 check digit (domain.md, "Identifiers and
 * disclosure control"; NHS Data Dictionary, "NHS Number"). Written plainly, in 3-3-4 groups
 * ("943 476 5919", "943-476-5919", "943.476.5919"), or as Excel leaves them ("9434765919.0").
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

/**
 * The 10 bare digits of a value written as an NHS number, or null. Accepts the forms extracts
 * really carry: plain ("9434765919"), 3-3-4 groups separated by spaces (single or double), dashes,
 * dots or slashes ("943 476 5919", "943-476-5919", "943.476.5919"), a number Excel wrote as a float
 * ("9434765919.0") or in scientific notation ("9.434765919E+09"), and an "NHS" label in front.
 */
export function nhsDigits(value: string): string | null {
  let v = value.trim();
  if (v.length === 10) return /^\d{10}$/.test(v) ? v : null;
  if (v.length < 10 || v.length > 40) return null;
  v = v.replace(/^(?:nhs\s*(?:no|number|num)?\.?\s*[:#]?\s*)/i, '');
  const sci = /^(\d)\.(\d{1,9})e\+?0?9$/i.exec(v);
  if (sci) return (sci[1] + sci[2].padEnd(9, '0')).slice(0, 10);
  v = v.replace(/\.0+$/, '');
  if (/^\d{10}$/.test(v)) return v;
  const m = /^(\d{3})[ .\-/]{1,2}(\d{3})[ .\-/]{1,2}(\d{4})$/.exec(v);
  return m ? m[1] + m[2] + m[3] : null;
}

/** Candidate NHS numbers inside free text (10 digits, plain or in 3-3-4 groups), not part of a longer number. */
const NHS_IN_TEXT = /(?<![\d.])(\d{3}[ .-]{0,2}\d{3}[ .-]{0,2}\d{4})(?![\d])/g;

/**
 * Free text with every valid NHS number in it replaced by `mask`; returns the text and how many
 * were masked.
 */
export function maskNhsNumbersInText(text: string, mask = '[NHS number]'): { text: string; masked: number } {
  let masked = 0;
  const out = text.replace(NHS_IN_TEXT, (m: string) => {
    if (!isValidNhsNumber(m)) return m;
    masked++;
    return mask;
  });
  return { text: out, masked };
}

/** Whether a value is a valid NHS number by Modulus 11 (spaces or dashes allowed in 3-3-4 form). */
export function isValidNhsNumber(value: string): boolean {
  // Fast path for plain 10-digit strings, the common case in extracts.
  const digits = nhsDigits(value);
  if (digits === null) return false;
  const check = nhsCheckDigit(digits.slice(0, 9));
  return check >= 0 && check === digits.charCodeAt(9) - 48;
}
