/**
 * Test helper: compile a Vega-Lite spec, failing on any compiler warning or error, then run it in
 * Vega with the expression interpreter (as the app does: no eval) and return the scenegraph marks.
 */
import { expect } from 'vitest';
import * as vega from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile, type TopLevelSpec } from 'vega-lite';

/** Messages the compiler logged at warn or error level. */
export interface CompileReport {
  vegaSpec: vega.Spec;
  warnings: string[];
}

/** Compiles with a logger that records every warning and error. */
export function compileRecording(spec: TopLevelSpec): CompileReport {
  const warnings: string[] = [];
  const logger: vega.LoggerInterface = {
    level(): never { return logger as never; },
    error(...args: readonly unknown[]) { warnings.push(`error: ${args.join(' ')}`); return logger; },
    warn(...args: readonly unknown[]) { warnings.push(`warn: ${args.join(' ')}`); return logger; },
    info() { return logger; },
    debug() { return logger; },
  } as vega.LoggerInterface;
  const { spec: vegaSpec } = compile(spec, { logger });
  return { vegaSpec, warnings };
}

/** Compiles without warnings and renders headless; returns the SVG text. */
export async function renderChecked(spec: TopLevelSpec): Promise<string> {
  const { vegaSpec, warnings } = compileRecording(spec);
  expect(warnings, 'Vega-Lite compiler warnings').toEqual([]);
  const runtime = vega.parse(vegaSpec, undefined, { ast: true });
  const view = new vega.View(runtime, { renderer: 'none', expr: expressionInterpreter } as vega.ViewOptions & { expr: unknown });
  await view.runAsync();
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

/** The inline dataset of a spec by name. */
export function dataset<T>(spec: TopLevelSpec, name: string): T[] {
  const datasets = (spec as { datasets?: Record<string, unknown> }).datasets ?? {};
  const data = datasets[name];
  if (!Array.isArray(data)) throw new Error(`The spec has no dataset named "${name}".`);
  return data as T[];
}

/** The footnote and other fields a spec carries in usermeta. */
export function usermetaOf(spec: TopLevelSpec): { footnote: string; measureId?: string } & Record<string, unknown> {
  return (spec.usermeta ?? {}) as { footnote: string; measureId?: string };
}
