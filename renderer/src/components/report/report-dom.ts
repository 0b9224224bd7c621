/**
 * Turns the report builder's document (the markup of its <body> and its CSS, the same the
 * self-contained HTML of `msvw report` carries) into parts the app can show under its strict
 * Content-Security-Policy (`style-src 'self'`: inline <style> and style="" are refused):
 * - the CSS becomes constructed stylesheets (adoptedStyleSheets), which the policy does not govern
 *   because script, already trusted, builds them;
 * - @page rules go to the document (they only apply there), everything else to a shadow root, so
 *   the report's styles never leak into the app's;
 * - `html`/`body` selectors are re-aimed at the shadow host;
 * - style="" attributes are lifted off before the nodes enter the page and re-applied via CSSOM.
 * No script from the report ever runs: scripts and event-handler attributes are dropped.
 */

/** The parts of a report document ready to attach to a page. */
export interface ReportParts {
  /** Report body nodes, adopted into the page's document, without inline styles. */
  nodes: Node[];
  /** Rules for the shadow root (everything but @page). */
  shadowSheet: CSSStyleSheet;
  /** @page rules (paper size, margins) for the document while the report is shown. */
  pageSheet: CSSStyleSheet;
}

/** On screen in the app, the sheets sit on the print view's grey, not on one white band. */
const APP_SCREEN_CSS = '@media screen { .msvw-report { background: transparent; } }';

/** Selectors for the whole document, re-aimed at the shadow host. */
export function retarget(selector: string): string {
  return selector
    .split(',')
    .map((part) => part.trim().replace(/^(html\s+body|html|body|:root)(?![\w-])/, ':host'))
    .join(', ');
}

/** Split the report CSS into shadow-root rules and @page rules. */
export function splitReportCss(css: string): { shadowCss: string; pageCss: string } {
  const probe = new CSSStyleSheet();
  probe.replaceSync(css);
  const shadow: string[] = [];
  const page: string[] = [];
  const visit = (rules: CSSRuleList, wrap: (text: string) => string, pageWrap: (text: string) => string) => {
    for (const rule of Array.from(rules)) {
      if (rule instanceof CSSPageRule) {
        page.push(pageWrap(rule.cssText));
      } else if (rule instanceof CSSMediaRule) {
        const media = rule.conditionText;
        visit(rule.cssRules, (t) => wrap(`@media ${media} { ${t} }`), (t) => pageWrap(`@media ${media} { ${t} }`));
      } else if (rule instanceof CSSStyleRule) {
        const body = rule.cssText.slice(rule.cssText.indexOf('{'));
        shadow.push(wrap(`${retarget(rule.selectorText)} ${body}`));
      } else {
        shadow.push(wrap(rule.cssText));
      }
    }
  };
  visit(probe.cssRules, (t) => t, (t) => t);
  return { shadowCss: shadow.join('\n'), pageCss: page.join('\n') };
}

/**
 * Parse the builder's body markup (inert: DOMParser runs nothing) and its CSS into nodes and
 * stylesheets. The CSS comes apart from the markup: a <style> element, even in a parsed document,
 * is reported by the page as a policy violation.
 */
export function reportParts(bodyHtml: string, css: string, doc: Document = document): ReportParts {
  const parsed = new DOMParser().parseFromString(`<!doctype html><title></title><body>${bodyHtml}</body>`, 'text/html');
  parsed.querySelectorAll('style, script, link, meta, base, iframe, object, embed').forEach((el) => el.remove());

  // Lift inline styles and event handlers off every element before the nodes join the page.
  const inline = new Map<Element, string>();
  for (const el of Array.from(parsed.body.querySelectorAll('*'))) {
    for (const attr of Array.from(el.attributes)) {
      if (/^on/i.test(attr.name)) el.removeAttribute(attr.name);
    }
    const style = el.getAttribute('style');
    if (style !== null) {
      inline.set(el, style);
      el.removeAttribute('style');
    }
  }

  const nodes: Node[] = [];
  for (const child of Array.from(parsed.body.childNodes)) {
    const adopted = doc.importNode(child, true);
    nodes.push(adopted);
  }
  // importNode copies, so map lifted styles onto the copies by walking both trees in step.
  if (inline.size) {
    const originals = Array.from(parsed.body.querySelectorAll('*'));
    const copies = nodes.flatMap((n) => (n instanceof Element ? [n, ...Array.from(n.querySelectorAll('*'))] : []));
    originals.forEach((el, i) => {
      const style = inline.get(el);
      const copy = copies[i] as HTMLElement | SVGElement | undefined;
      if (style !== undefined && copy) copy.style.cssText = style;
    });
  }

  const { shadowCss, pageCss } = splitReportCss(css);
  const shadowSheet = new CSSStyleSheet();
  shadowSheet.replaceSync(`${shadowCss}\n${APP_SCREEN_CSS}`);
  const pageSheet = new CSSStyleSheet();
  pageSheet.replaceSync(pageCss);
  return { nodes, shadowSheet, pageSheet };
}
