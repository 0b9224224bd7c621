/**
 * Flesch reading ease (Flesch 1948): 206.835 - 1.015 x (words / sentences) - 84.6 x (syllables / words).
 * 60-70 is "plain English" (readable by most 13- to 15-year-olds); the patient-partner page must
 * score 60 or more (issue 9). Syllables are estimated from vowel groups, the usual approach of
 * readability tools; a number counts one syllable per digit, which overestimates short numbers'
 * difficulty rather than flattering the score.
 */

/** Flesch's constants (Flesch, "A new readability yardstick", J Appl Psychol 1948;32:221-233). */
const FLESCH = Object.freeze({ base: 206.835, perWordsPerSentence: 1.015, perSyllablesPerWord: 84.6 });

/** Estimated syllables of one word. */
export function countSyllables(word: string): number {
  const w = word.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (w === '') return 0;
  if (/^\d+$/.test(w)) return w.length;
  if (w.length <= 3) return 1;
  // Silent endings: -e (not -le), -es, -ed (not -ted/-ded).
  const trimmed = w.replace(/(?:[^laeiouy]es|[^tdaeiouy]ed|[^laeiouy]e)$/, (m) => m[0]).replace(/^y/, '');
  const groups = trimmed.match(/[aeiouy]{1,2}/g);
  return Math.max(1, groups ? groups.length : 1);
}

/** The words of a text (letters, digits, apostrophes and hyphens inside words). */
export function wordsOf(text: string): string[] {
  return text.match(/[A-Za-z0-9]+(?:['’.,-][A-Za-z0-9]+)*/g) ?? [];
}

/** Sentences: runs of text ending in . ! ? or a line break. */
export function sentencesOf(text: string): string[] {
  return text.split(/(?<=[.!?])\s+|\n+/).map((s) => s.trim()).filter((s) => wordsOf(s).length > 0);
}

/** Flesch reading ease of a text (higher is easier); NaN for a text without words. */
export function fleschReadingEase(text: string): number {
  const words = wordsOf(text);
  const sentences = sentencesOf(text).length;
  if (words.length === 0 || sentences === 0) return Number.NaN;
  const syllables = words.reduce((sum, w) => sum + countSyllables(w.replace(/[,]/g, '')), 0);
  return FLESCH.base - FLESCH.perWordsPerSentence * (words.length / sentences) - FLESCH.perSyllablesPerWord * (syllables / words.length);
}
