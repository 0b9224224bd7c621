/**
 * Chart exports: render a Vega-Lite spec off-screen (no eval: vega-interpreter) to SVG or a 2x PNG,
 * with the export's footnote (measure, method, as-of date, provenance, suppression) drawn beneath.
 */
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { expressionInterpreter } from 'vega-interpreter';

const FOOTNOTE_FONT_PX = 11;
const FOOTNOTE_LINE_PX = 15;
const FOOTNOTE_PAD_PX = 10;
const FOOTNOTE_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';

async function headlessView(spec: TopLevelSpec): Promise<View> {
  const runtime = parse(compile(spec).spec, undefined, { ast: true });
  const view = new View(runtime, { expr: expressionInterpreter, renderer: 'none' });
  await view.runAsync();
  return view;
}

/** The chart as SVG text with the footnote lines appended below it. */
export async function chartSvg(spec: TopLevelSpec, footnote: readonly string[]): Promise<string> {
  const view = await headlessView(spec);
  const svg = await view.toSVG();
  view.finalize();
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const root = doc.documentElement;
  const width = Number(root.getAttribute('width'));
  const height = Number(root.getAttribute('height'));
  const extra = footnote.length ? FOOTNOTE_PAD_PX + footnote.length * FOOTNOTE_LINE_PX : 0;
  root.setAttribute('height', String(height + extra));
  root.setAttribute('viewBox', `0 0 ${width} ${height + extra}`);
  const ns = 'http://www.w3.org/2000/svg';
  const background = doc.createElementNS(ns, 'rect');
  background.setAttribute('x', '0');
  background.setAttribute('y', String(height));
  background.setAttribute('width', String(width));
  background.setAttribute('height', String(extra));
  background.setAttribute('fill', '#ffffff');
  root.appendChild(background);
  footnote.forEach((line, i) => {
    const text = doc.createElementNS(ns, 'text');
    text.setAttribute('x', '8');
    text.setAttribute('y', String(height + FOOTNOTE_PAD_PX + (i + 0.8) * FOOTNOTE_LINE_PX));
    text.setAttribute('font-size', String(FOOTNOTE_FONT_PX));
    text.setAttribute('font-family', FOOTNOTE_FONT);
    text.setAttribute('fill', '#333333');
    text.textContent = line;
    root.appendChild(text);
  });
  const out = new XMLSerializer().serializeToString(doc);
  return out.startsWith('<?xml') ? out : `<?xml version="1.0" encoding="UTF-8"?>\n${out}`;
}

/** The chart as PNG bytes at the given scale (2 = twice the on-screen size), footnote beneath. */
export async function chartPng(spec: TopLevelSpec, footnote: readonly string[], scale = 2): Promise<Uint8Array> {
  const view = await headlessView(spec);
  const chart = (await view.toCanvas(scale)) as HTMLCanvasElement;
  view.finalize();
  const extra = footnote.length ? (FOOTNOTE_PAD_PX + footnote.length * FOOTNOTE_LINE_PX) * scale : 0;
  const canvas = document.createElement('canvas');
  canvas.width = chart.width;
  canvas.height = chart.height + extra;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw images for export.');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(chart, 0, 0);
  ctx.fillStyle = '#333333';
  ctx.font = `${FOOTNOTE_FONT_PX * scale}px ${FOOTNOTE_FONT}`;
  footnote.forEach((line, i) => ctx.fillText(line, 8 * scale, chart.height + (FOOTNOTE_PAD_PX + (i + 0.8) * FOOTNOTE_LINE_PX) * scale));
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('The chart image could not be made.');
  return new Uint8Array(await blob.arrayBuffer());
}
