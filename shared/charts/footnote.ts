/**
 * The footnote block under an exported chart image: lines wrapped to the image's width (so no
 * text runs off the edge), with the block's height, so the exporter can paint a full background
 * behind all of it. Text widths come from a measuring function (the canvas's measureText in the
 * app); without one, an estimate from the average glyph width of the chart font.
 */

/** Footnote text size, line height and padding in the exported image (CSS px, before any scale). */
export const FOOTNOTE_STYLE = Object.freeze({ fontPx: 11, linePx: 15, padPx: 10, marginPx: 8 });

/** Average glyph width of the chart's sans-serif font, as a share of the font size (for estimates). */
const AVERAGE_GLYPH_EM = 0.56;

/** Width of a text in px. */
export type MeasureText = (text: string) => number;

/** An estimate of a text's width at the footnote size, when no canvas can measure it. */
export function estimateTextWidth(text: string, fontPx: number = FOOTNOTE_STYLE.fontPx): number {
  return text.length * fontPx * AVERAGE_GLYPH_EM;
}

/** One line broken into lines no wider than maxWidth, at spaces (a word longer than the width is broken by characters). */
export function wrapLine(line: string, maxWidth: number, measure: MeasureText = estimateTextWidth): string[] {
  if (!(maxWidth > 0)) throw new RangeError(`A footnote needs a positive width, not ${maxWidth}.`);
  const out: string[] = [];
  let current = '';
  const push = (word: string): void => {
    // A word wider than the line on its own: break it by characters.
    let rest = word;
    while (measure(rest) > maxWidth && rest.length > 1) {
      let k = rest.length - 1;
      while (k > 1 && measure(rest.slice(0, k)) > maxWidth) k--;
      out.push(rest.slice(0, k));
      rest = rest.slice(k);
    }
    current = rest;
  };
  for (const word of line.split(/\s+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (measure(candidate) <= maxWidth) { current = candidate; continue; }
    if (current) out.push(current);
    push(word);
  }
  if (current || out.length === 0) out.push(current);
  return out;
}

/** The footnote block: every line wrapped to fit the image width (minus margins), and its height in px. */
export function footnoteBlock(lines: readonly string[], imageWidth: number, measure?: MeasureText): { lines: string[]; height: number } {
  const s = FOOTNOTE_STYLE;
  const wrapped = lines.flatMap((line) => wrapLine(line, imageWidth - 2 * s.marginPx, measure));
  return { lines: wrapped, height: wrapped.length ? s.padPx * 2 + wrapped.length * s.linePx : 0 };
}
