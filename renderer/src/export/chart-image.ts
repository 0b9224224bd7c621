/**
 * Chart exports: render a Vega-Lite spec off-screen (no eval: vega-interpreter) to SVG or a 2x PNG,
 * with the export's footnote (measure, method, as-of date, provenance, suppression) wrapped to the
 * chart's width beneath it (shared/charts/footnote.ts), on a white background covering the whole image.
 */
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { expressionInterpreter } from 'vega-interpreter';
import { footnoteBlock, FOOTNOTE_STYLE, type MeasureText } from '../../../shared/charts/footnote';

const FOOTNOTE_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
const FOOTNOTE_COLOUR = '#333333';
const BACKGROUND = '#ffffff';
const { fontPx: FOOTNOTE_FONT_PX, linePx: FOOTNOTE_LINE_PX, padPx: FOOTNOTE_PAD_PX, marginPx: FOOTNOTE_MARGIN_PX } = FOOTNOTE_STYLE;

/** A text measurer for the footnote font at 1x (canvas measureText), or the shared estimate without a canvas. */
function footnoteMeasure(): MeasureText | undefined {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return undefined;
  ctx.font = `${FOOTNOTE_FONT_PX}px ${FOOTNOTE_FONT}`;
  return (text) => ctx.measureText(text).width;
}

async function headlessView(spec: TopLevelSpec): Promise<View> {
  const runtime = parse(compile(spec).spec, undefined, { ast: true });
  const view = new View(runtime, { expr: expressionInterpreter, renderer: 'none' });
  await view.runAsync();
  return view;
}

/** The chart as SVG text with the footnote wrapped below it, the whole image on white. */
export async function chartSvg(spec: TopLevelSpec, footnote: readonly string[]): Promise<string> {
  const view = await headlessView(spec);
  const svg = await view.toSVG();
  view.finalize();
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const root = doc.documentElement;
  const width = Number(root.getAttribute('width'));
  const height = Number(root.getAttribute('height'));
  const { lines, height: extra } = footnoteBlock(footnote, width, footnoteMeasure());
  const total = height + extra;
  root.setAttribute('height', String(total));
  root.setAttribute('viewBox', `0 0 ${width} ${total}`);
  const ns = 'http://www.w3.org/2000/svg';
  // One background under everything: the chart and its footnote read as one image on any page.
  const background = doc.createElementNS(ns, 'rect');
  for (const [k, v] of Object.entries({ x: '0', y: '0', width: String(width), height: String(total), fill: BACKGROUND })) background.setAttribute(k, v);
  root.insertBefore(background, root.firstChild);
  const block = doc.createElementNS(ns, 'g');
  block.setAttribute('class', 'footnote');
  lines.forEach((line, i) => {
    const text = doc.createElementNS(ns, 'text');
    text.setAttribute('x', String(FOOTNOTE_MARGIN_PX));
    text.setAttribute('y', String(height + FOOTNOTE_PAD_PX + (i + 0.8) * FOOTNOTE_LINE_PX));
    text.setAttribute('font-size', String(FOOTNOTE_FONT_PX));
    text.setAttribute('font-family', FOOTNOTE_FONT);
    text.setAttribute('fill', FOOTNOTE_COLOUR);
    text.textContent = line;
    block.appendChild(text);
  });
  root.appendChild(block);
  const out = new XMLSerializer().serializeToString(doc);
  return out.startsWith('<?xml') ? out : `<?xml version="1.0" encoding="UTF-8"?>\n${out}`;
}

/** The chart as PNG bytes at the given scale (2 = twice the on-screen size), footnote wrapped beneath, all on white. */
export async function chartPng(spec: TopLevelSpec, footnote: readonly string[], scale = 2): Promise<Uint8Array> {
  const view = await headlessView(spec);
  const chart = (await view.toCanvas(scale)) as HTMLCanvasElement;
  view.finalize();
  const block = footnoteBlock(footnote, chart.width / scale, footnoteMeasure());
  const lines = block.lines;
  const extra = block.height * scale;
  const canvas = document.createElement('canvas');
  canvas.width = chart.width;
  canvas.height = chart.height + extra;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw images for export.');
  ctx.fillStyle = BACKGROUND;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(chart, 0, 0);
  ctx.fillStyle = FOOTNOTE_COLOUR;
  ctx.font = `${FOOTNOTE_FONT_PX * scale}px ${FOOTNOTE_FONT}`;
  lines.forEach((line, i) => ctx.fillText(line, FOOTNOTE_MARGIN_PX * scale, chart.height + (FOOTNOTE_PAD_PX + (i + 0.8) * FOOTNOTE_LINE_PX) * scale));
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('The chart image could not be made.');
  return new Uint8Array(await blob.arrayBuffer());
}
