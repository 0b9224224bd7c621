/**
 * Shared fixtures for the browser suite. The egress guard records every request the page and its
 * workers make, across the whole suite, and fails any test that touched a non-local origin.
 */
import { test as base, expect } from '@playwright/test';

const LOCAL = /^(https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\/|data:|blob:|about:)/;

/** True for URLs the workbench may load: its own local origin, data: and blob:. */
export function isLocalUrl(url: string): boolean {
  return LOCAL.test(url);
}

export const test = base.extend<{ egressGuard: string[] }>({
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
