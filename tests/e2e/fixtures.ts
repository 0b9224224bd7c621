/**
 * Shared fixtures for the browser suite. The egress guard records every request the page and its
 * workers make, across the whole suite, and fails any test that touched a non-local origin; the
 * CSP guard fails any test during which the page reported a Content-Security-Policy violation; the
 * chart warning guard fails any test during which Vega logged a warning (such as "Infinite extent").
 */
import { test as base, expect } from '@playwright/test';

const LOCAL = /^(https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\/|data:|blob:|about:)/;

/** True for URLs the workbench may load: its own local origin, data: and blob:. */
export function isLocalUrl(url: string): boolean {
  return LOCAL.test(url);
}

export const test = base.extend<{ egressGuard: string[]; cspGuard: string[]; chartWarningGuard: string[] }>({
  // A chart that logs a Vega warning (e.g. "Infinite extent" from an empty layer) is drawn from a faulty spec.
  chartWarningGuard: [
    async ({ page }, use) => {
      const warnings: string[] = [];
      page.on('console', (message) => {
        if (/Infinite extent|WARN /.test(message.text())) warnings.push(message.text());
      });
      await use(warnings);
      expect(warnings, 'Vega warnings in the console').toEqual([]);
    },
    { auto: true },
  ],
  // The page runs under a strict CSP (no eval, nothing inline); any violation fails the test.
  cspGuard: [
    async ({ page }, use) => {
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to (load|execute|apply|evaluate|create)/i.test(message.text())) violations.push(message.text());
      });
      await use(violations);
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
  egressGuard: [
    async ({ context }, use) => {
      const offending: string[] = [];
      context.on('request', (request) => {
        if (!isLocalUrl(request.url())) offending.push(`${request.method()} ${request.url()}`);
      });
      // A second line of defence: nothing non-local is even attempted on the wire.
      await context.route((url) => !isLocalUrl(url.toString()), (route) => {
        offending.push(`ROUTED ${route.request().url()}`);
        return route.abort('blockedbyclient');
      });
      await use(offending);
      expect(offending, 'requests to non-local origins').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
