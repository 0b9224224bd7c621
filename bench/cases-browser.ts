/**
 * The whole import as a person meets it, in the web build in Debian's Chromium: choose the 1M-row
 * file, wait for the mapping screen, import (type, validate, guard identifiers, store in
 * IndexedDB), then reload and reopen the stored dataset. Records the longest main-thread task
 * during the import (issue target: none over 100 ms) and the reopen time the app itself reports.
 * Needs the web build (built here when dist-web/ is missing) and /usr/bin/chromium.
 */
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Server } from 'node:http';
import { chromium } from '@playwright/test';
import { startWebServer } from '../scripts/web-server';
import { registerCase } from './cases';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const TIMEOUT_MS = 600_000;

registerCase({
  id: 'browser-import',
  label: 'web app in Chromium: choose file -> mapping -> stored (IndexedDB); longest UI task; reopen',
  runs: 1,
  setup: async () => {
    if (!existsSync('dist-web/index.html')) execFileSync('node_modules/.bin/vite', ['build', '--config', 'vite.web.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
    return startWebServer(path.resolve('dist-web'), 0);
  },
  run: async (ctx, state) => {
    const server = state as Server;
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('web server has no port');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      page.setDefaultTimeout(TIMEOUT_MS);
      await page.addInitScript(() => {
        const w = window as unknown as { __longTasks: [number, number][] };
        w.__longTasks = [];
        new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__longTasks.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: 'longtask', buffered: true });
      });
      await page.goto(`http://127.0.0.1:${address.port}/`);
      await page.getByRole('button', { name: 'Open sample extract' }).waitFor();
      await page.evaluate(() => { (window as unknown as { __longTasks: [number, number][] }).__longTasks = []; });
      const now = () => page.evaluate(() => Math.round(performance.now()));
      const pageStart = await now();

      const t0 = Date.now();
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open extract…' }).click()]);
      await chooser.setFiles(ctx.file);
      await page.getByRole('heading', { name: /Check how .* will be read/ }).waitFor();
      const prepared = Date.now();
      const pagePrepared = await now();
      await page.getByRole('button', { name: /^Import [\d,]+ rows$/ }).click();
      await page.getByText(/^Row accounting: /).waitFor();
      const stored = Date.now();
      const pageStored = await now();
      const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: [number, number][] }).__longTasks);
      const durations = longTasks.map(([, d]) => d);

      await page.reload();
      await page.getByRole('button', { name: /^Open dataset / }).first().click();
      const openedText = await page.getByText(/opened in \d+ ms/).textContent({ timeout: TIMEOUT_MS });
      const reopenMs = Number(/opened in (\d+) ms/.exec(openedText ?? '')?.[1]);

      // Data view on 1M rows: sort a text column (worker sorts, the table shows the new first rows).
      const status = page.getByRole('status').filter({ hasText: /of [\d,]+ rows/ });
      await status.waitFor();
      const firstRow = page.getByRole('grid').getByRole('row').nth(2);
      const beforeSort = await firstRow.textContent();
      const tSort = Date.now();
      await page.getByRole('button', { name: 'Sort by centre_code' }).click();
      await page.waitForFunction((before) => {
        const rows = document.querySelectorAll('[role=grid] tbody tr');
        return rows.length > 0 && rows[0].textContent !== before && !rows[0].textContent?.includes('…');
      }, beforeSort, { timeout: TIMEOUT_MS });
      const sortSeconds = (Date.now() - tSort) / 1000;

      // Variation on 1M rows: first result, then a filter change until the banner and the chart update.
      await page.getByRole('navigation', { name: 'Workbench' }).getByRole('button', { name: 'Variation' }).click();
      const banner = page.locator('.variation__banner[role=status]').first();
      await banner.waitFor();
      await page.locator('#chart-panel svg').waitFor();
      const before = await banner.textContent();
      await page.locator('summary', { hasText: 'Filters' }).click();
      const tFilter = Date.now();
      await page.getByRole('group', { name: 'MS type' }).getByRole('checkbox', { name: 'RRMS' }).check();
      await page.waitForFunction((text) => {
        const b = document.querySelector('.variation__banner[role=status]');
        return b && b.textContent !== text && document.querySelector('#chart-panel svg');
      }, before, { timeout: TIMEOUT_MS });
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const filterChangeSeconds = (Date.now() - tFilter) / 1000;
      const computedMs = Number(/computed in (\d+) ms/i.exec((await banner.textContent()) ?? '')?.[1]);
      return {
        fileToMappingSeconds: (prepared - t0) / 1000,
        importToStoredSeconds: (stored - prepared) / 1000,
        reopenMs,
        dataViewSortSeconds: sortSeconds,
        variationFilterChangeSeconds: filterChangeSeconds,
        variationComputeInWorkerMs: computedMs,
        longestMainThreadTaskMs: Math.max(0, ...durations),
        mainThreadTasksOver100ms: durations.filter((d) => d > 100).length,
        // Long tasks as [start, duration] ms, with the page's clock at each step, to see where they fall.
        longTasks: longTasks.filter(([, d]) => d > 100),
        pageClock: { chooseFile: pageStart, mappingShown: pagePrepared, stored: pageStored },
      };
    } finally {
      await browser.close();
      server.close();
    }
  },
});
