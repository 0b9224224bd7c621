/**
 * Renders a Vega-Lite spec built by shared/charts with vega-embed, CSP-safe: the expression
 * interpreter instead of eval, no injected style element, no editor/source actions (they would
 * send the spec and its data to a website). Exposes the view so the page can export SVG/PNG.
 */
import { useEffect, useRef } from 'react';
import embed, { type Result } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import type { TopLevelSpec } from 'vega-lite';

export type ChartView = Result['view'];

export function VegaChart({ spec, label, description, onClickDatum, onView }: {
  spec: TopLevelSpec;
  /** Accessible name of the chart, e.g. "Funnel plot of 4+4 part 1". */
  label: string;
  /** What the chart shows, read by screen readers; the table beside it is the full text alternative. */
  description: string;
  onClickDatum?: (datum: Record<string, unknown>) => void;
  onView?: (view: ChartView | null) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const clickRef = useRef(onClickDatum);
  clickRef.current = onClickDatum;
  const viewRef = useRef(onView);
  viewRef.current = onView;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let result: Result | null = null;
    let live = true;
    void embed(el, spec, {
      actions: false,
      ast: true,
      expr: expressionInterpreter,
      defaultStyle: false,
      renderer: 'svg',
      // Tooltip styles live in styles.css: vega-tooltip's injected <style> would break the CSP.
      tooltip: { theme: 'light', disableDefaultStyle: true },
    }).then((r) => {
      if (!live) { r.finalize(); return; }
      result = r;
      r.view.addEventListener('click', (_event, item) => {
        const datum = (item as { datum?: Record<string, unknown> } | null | undefined)?.datum;
        if (datum) clickRef.current?.(datum);
      });
      viewRef.current?.(r.view);
    });
    return () => {
      live = false;
      viewRef.current?.(null);
      result?.finalize();
    };
  }, [spec]);

  return (
    <figure className="chart">
      {/* Vega marks its own element as a graphics document; the accessible image is this wrapper. */}
      <div role="img" aria-label={label} aria-description={description}>
        <div ref={ref} />
      </div>
      <figcaption className="visually-hidden">{description}</figcaption>
    </figure>
  );
}
