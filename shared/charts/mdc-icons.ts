/**
 * Making Data Count icons as plain SVG strings (NHS England, "Making Data Count: getting
 * started", 2019; names as NHSRplotthedots): the variation icons (common cause, special cause
 * improving / concerning / neither, high or low) and the assurance icons (consistently passing,
 * consistently failing, hit and miss). Drawn from letters and shapes as well as colour, so
 * colour is never the only cue:
 * - variation: a small run of dots inside a ring; special cause adds the letter H (high) or L
 *   (low), and a badge: "+" for improvement, "!" for concern, none for neither; common cause has
 *   no letter and a level dot line;
 * - assurance: the letter P (passes), F (fails) or "?" (hit and miss) over a dashed target line.
 * Pure functions, usable by the app (innerHTML of a trusted string), exports and a report.
 */
import type { AssuranceIconName, VariationIconName } from '../analysis/spc-series';
import { OKABE_ITO } from './palette';

/** Colours by meaning: improvement blue, concern orange, neither purple, common cause grey (Okabe-Ito). */
export const MDC_COLOURS = Object.freeze({
  improvement: OKABE_ITO.blue,
  concern: OKABE_ITO.orange,
  neutral: OKABE_ITO.reddishPurple,
  common: '#7F7F7F',
  ink: '#FFFFFF',
  target: '#333333',
});

/** Default drawn size of an icon in pixels. */
export const MDC_ICON_SIZE = 40;

/** Human label of each variation icon (accessible name, legends, export footnotes). */
export const VARIATION_ICON_LABEL: Readonly<Record<VariationIconName, string>> = Object.freeze({
  common_cause: 'Common cause variation',
  improvement_high: 'Special cause variation: improvement (high)',
  improvement_low: 'Special cause variation: improvement (low)',
  concern_high: 'Special cause variation: concern (high)',
  concern_low: 'Special cause variation: concern (low)',
  neutral_high: 'Special cause variation: neither improvement nor concern (high)',
  neutral_low: 'Special cause variation: neither improvement nor concern (low)',
});

/** Human label of each assurance icon. */
export const ASSURANCE_ICON_LABEL: Readonly<Record<AssuranceIconName, string>> = Object.freeze({
  consistent_pass: 'Assurance: consistently passes the target',
  consistent_fail: 'Assurance: consistently fails the target',
  inconsistent: 'Assurance: hit and miss (the target lies within the limits)',
});

/** Short text of each icon for tables and CSV ("SC improvement H"...). */
export const VARIATION_ICON_SHORT: Readonly<Record<VariationIconName, string>> = Object.freeze({
  common_cause: 'Common cause',
  improvement_high: 'Improvement (H)',
  improvement_low: 'Improvement (L)',
  concern_high: 'Concern (H)',
  concern_low: 'Concern (L)',
  neutral_high: 'Neither (H)',
  neutral_low: 'Neither (L)',
});

export const ASSURANCE_ICON_SHORT: Readonly<Record<AssuranceIconName, string>> = Object.freeze({
  consistent_pass: 'Pass (P)',
  consistent_fail: 'Fail (F)',
  inconsistent: 'Hit and miss (?)',
});

/** Escape text for an SVG text node or attribute. */
function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The outer svg element with an accessible name. */
function svgShell(label: string, size: number, body: string): string {
  const name = escapeXml(label);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40" width="${size}" height="${size}" role="img" aria-label="${name}">` +
    `<title>${name}</title>${body}</svg>`
  );
}

/** Dots of a little run chart inside the icon: y positions (0 top .. 40 bottom) for 7 points. */
function dots(ys: readonly number[], colour: string): string {
  return ys.map((y, i) => `<circle cx="${9 + i * 3.7}" cy="${y}" r="1.6" fill="${colour}"/>`).join('');
}

/** Level dots (common cause), dots rising at the end (high) or falling (low). */
const LEVEL_DOTS = [27, 29, 26, 28, 27, 29, 27];
const HIGH_DOTS = [31, 30, 31, 29, 27, 24, 21];
const LOW_DOTS = [22, 23, 22, 24, 26, 29, 32];

/** Variation icon as an SVG string. */
export function variationIconSvg(icon: VariationIconName, size: number = MDC_ICON_SIZE): string {
  const label = VARIATION_ICON_LABEL[icon];
  if (icon === 'common_cause') {
    return svgShell(label, size,
      `<circle cx="20" cy="20" r="18" fill="#FFFFFF" stroke="${MDC_COLOURS.common}" stroke-width="3"/>` +
      `<line x1="7" y1="27.5" x2="33" y2="27.5" stroke="${MDC_COLOURS.common}" stroke-width="0.8" stroke-dasharray="2 1.5"/>` +
      dots(LEVEL_DOTS, MDC_COLOURS.common));
  }
  const [kind, side] = icon.split('_') as ['improvement' | 'concern' | 'neutral', 'high' | 'low'];
  const colour = MDC_COLOURS[kind];
  const letter = side === 'high' ? 'H' : 'L';
  const badge = kind === 'improvement' ? '+' : kind === 'concern' ? '!' : '';
  const badgeSvg = badge
    ? `<circle cx="32" cy="8" r="6.5" fill="#FFFFFF" stroke="${colour}" stroke-width="1.5"/>` +
      `<text x="32" y="11.6" text-anchor="middle" font-family="Arial, Helvetica, sans-serif" font-size="10" font-weight="bold" fill="${colour}">${badge}</text>`
    : '';
  return svgShell(label, size,
    `<circle cx="20" cy="20" r="18" fill="${colour}"/>` +
    `<text x="20" y="19" text-anchor="middle" font-family="Arial, Helvetica, sans-serif" font-size="15" font-weight="bold" fill="${MDC_COLOURS.ink}">${letter}</text>` +
    dots(side === 'high' ? HIGH_DOTS : LOW_DOTS, MDC_COLOURS.ink) +
    badgeSvg);
}

/** Assurance icon as an SVG string: P, F or ? over a dashed target line. */
export function assuranceIconSvg(icon: AssuranceIconName, size: number = MDC_ICON_SIZE): string {
  const label = ASSURANCE_ICON_LABEL[icon];
  const colour = icon === 'consistent_pass' ? MDC_COLOURS.improvement : icon === 'consistent_fail' ? MDC_COLOURS.concern : MDC_COLOURS.common;
  const letter = icon === 'consistent_pass' ? 'P' : icon === 'consistent_fail' ? 'F' : '?';
  return svgShell(label, size,
    `<circle cx="20" cy="20" r="18" fill="${colour}"/>` +
    `<text x="20" y="24" text-anchor="middle" font-family="Arial, Helvetica, sans-serif" font-size="17" font-weight="bold" fill="${MDC_COLOURS.ink}">${letter}</text>` +
    `<line x1="6" y1="30" x2="34" y2="30" stroke="${MDC_COLOURS.ink}" stroke-width="1.6" stroke-dasharray="3 2"/>`);
}

/** Data URI of an SVG icon, for an <img src> or a Vega image mark. */
export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
