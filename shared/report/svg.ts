/**
 * Vega-Lite specs rendered to inline SVG for the report, with vega's headless View.toSVG()
 * (renderer 'none': no canvas, no DOM), the same in Node (the CLI) and in the browser or a worker
 * (the app). Expressions run through vega-interpreter, never eval, so this also works under the
 * app's strict Content-Security-Policy.
 *
 * The SVG is cleaned for inlining in one HTML document: the XML namespace declarations (not needed
 * in HTML and the only "http" text in vega's output) are dropped, clip-path ids are prefixed so two
 * charts never share an id (and renumbered from 1 in each chart), fixed width/height give way to the viewBox so CSS sizes the chart, and
 * any style="" attribute becomes presentation attributes (the app's CSP blocks inline styles).
 */
import { parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile, type TopLevelSpec } from 'vega-lite';

/** A style="a: b; c: d" attribute as presentation attributes a="b" c="d". */
function styleToAttributes(style: string): string {
  return style
    .split(';')
    .map((decl) => decl.trim())
    .filter((decl) => decl.includes(':'))
    .map((decl) => {
      const i = decl.indexOf(':');
      const name = decl.slice(0, i).trim().toLowerCase();
      const value = decl.slice(i + 1).trim().replace(/"/g, '&quot;');
      return /^[a-z-]+$/.test(name) ? `${name}="${value}"` : '';
    })
    .filter(Boolean)
    .join(' ');
}

/** SVG text from vega made ready to inline: see the module comment. */
export function cleanSvg(svg: string, idPrefix: string, label: string): string {
  const prefix = idPrefix.replace(/[^A-Za-z0-9_-]/g, '');
  // vega numbers its clip paths from a counter shared by every chart it has drawn: renumbered in
  // order of first use, so a chart's SVG is the same bytes whatever was drawn before it.
  const ids = new Map<string, string>();
  const rename = (id: string): string => {
    let renamed = ids.get(id);
    if (renamed === undefined) {
      renamed = `${prefix}-${id.replace(/\d+$/, '')}${ids.size + 1}`;
      ids.set(id, renamed);
    }
    return renamed;
  };
  let out = svg
    .replace(/\sxmlns(?::\w+)?="[^"]*"/g, '')
    .replace(/\sid="([^"]+)"|url\(#([^)]+)\)/g, (_, id: string | undefined, ref: string | undefined) => (id !== undefined ? ` id="${rename(id)}"` : `url(#${rename(ref as string)})`))
    .replace(/\sstyle="([^"]*)"/g, (_, style: string) => {
      const attrs = styleToAttributes(style);
      return attrs ? ` ${attrs}` : '';
    });
  out = out.replace(/^<svg([^>]*)>/, (_, attrs: string) => {
    const kept = attrs.replace(/\s(?:width|height)="[^"]*"/g, '');
    return `<svg${kept} role="img" aria-label="${label.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')}" preserveAspectRatio="xMidYMid meet">`;
  });
  return out;
}

/** Render a Vega-Lite spec to clean inline SVG text. */
export async function renderSpecToSvg(spec: TopLevelSpec, idPrefix: string): Promise<string> {
  const runtime = parse(compile(spec).spec, undefined, { ast: true });
  const view = new View(runtime, { expr: expressionInterpreter, renderer: 'none' });
  try {
    await view.runAsync();
    const svg = await view.toSVG();
    const label = typeof spec.description === 'string' ? spec.description : idPrefix;
    return cleanSvg(svg, idPrefix, label);
  } finally {
    view.finalize();
  }
}
