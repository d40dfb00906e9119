// Benchmark "Offline client start": with the server stopped, a fresh tab opens /offline/ from the
// service worker's cache (the worker itself stopped first, as after a night with the browser
// closed), timed in the page from the start of navigation to the "Patron barcode" field being
// ready for input. The baseline, in the same browser and run, is a blank page that a service
// worker serves from Cache Storage the same way. Also reports the JavaScript each app's entry page
// loads, gzipped, from the build output. Goals: under 300 ms, under 100 kB gzip.
import type { BrowserContext, Page } from 'playwright-core';
import type { OfflineBenchContext, OfflineBenchModule, OfflineBenchResult } from './benchModule.ts';
import { appScriptSize, BLANK_PAGE_URL, BLANK_WORKER_URL } from './builtApps.ts';
import { installOfflineClientOnDesk } from './installedClient.ts';
import { runInPage } from './pageScripts.ts';
import { percentile, ratio, roundMs } from './percentiles.ts';

export const START_GOAL_MS = 300;
export const OFFLINE_CLIENT_GOAL_GZIP_BYTES = 100_000;

const FULL = { loads: 15 };
const SMOKE = { loads: 2 };

/**
 * Installed before any page script runs: resolves window.circaReadyAt with performance.now()
 * (ms since navigation start) as soon as "Patron barcode" is in the document, enabled and focused,
 * i.e. a scan would land in it.
 */
const WATCH_PATRON_FIELD = `(() => {
  let done = false;
  const check = () => {
    if (done) return;
    const field = document.getElementById('patron-barcode');
    if (field && !field.disabled && document.activeElement === field) {
      done = true;
      window.circaReadyAt = performance.now();
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
  document.addEventListener('focusin', check, true);
})()`;

/** The blank page is ready once its HTML is parsed; it has nothing else to load. */
const BLANK_READY_AT = `() => new Promise((resolve, reject) => {
  const read = () => document.getElementById('ready')
    ? resolve(performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd)
    : reject(new Error('The blank page did not come from its service worker cache.'));
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => setTimeout(read));
  else read();
})`;

const REGISTER_BLANK_WORKER = `async ({ worker, scope }) => {
  const registration = await navigator.serviceWorker.register(worker, { scope });
  const installing = registration.installing || registration.waiting;
  if (installing) {
    await new Promise((resolve) => {
      installing.addEventListener('statechange', () => installing.state === 'activated' && resolve());
      if (installing.state === 'activated') resolve();
    });
  }
  return true;
}`;

/** Stops every service worker of the browser, so the next load starts its worker cold. */
async function stopServiceWorkers(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
  } finally {
    await cdp.detach();
  }
}

/** One cold load in a fresh tab; resolves to ms from navigation start to ready. */
async function timeLoad(
  context: BrowserContext,
  controlPage: Page,
  what: 'client' | 'blank',
): Promise<number> {
  await stopServiceWorkers(context, controlPage);
  const tab = await context.newPage();
  try {
    if (what === 'blank') {
      await tab.goto(BLANK_PAGE_URL);
      return await runInPage<number>(tab, BLANK_READY_AT);
    }
    await tab.addInitScript(WATCH_PATRON_FIELD);
    await tab.goto('/offline/');
    await tab.waitForFunction(() => 'circaReadyAt' in window);
    return await tab.evaluate(() => (window as unknown as { circaReadyAt: number }).circaReadyAt);
  } finally {
    await tab.close();
  }
}

const median = (samples: readonly number[]) => roundMs(percentile(samples, 50));

export const offlineClientStart: OfflineBenchModule = {
  name: 'Offline client start',
  async run(ctx: OfflineBenchContext): Promise<OfflineBenchResult[]> {
    const { loads } = ctx.smoke ? SMOKE : FULL;
    const desk = await installOfflineClientOnDesk({ distDir: ctx.distDir });
    try {
      const { page, server, browser, build } = desk;
      await runInPage(page, REGISTER_BLANK_WORKER, {
        worker: BLANK_WORKER_URL,
        scope: BLANK_PAGE_URL,
      });
      // Offline as in an outage: the server process is gone.
      await server.stop();
      const client: number[] = [];
      const blank: number[] = [];
      // Alternated, so both see the same machine.
      for (let i = 0; i < loads; i += 1) {
        client.push(await timeLoad(browser.context, page, 'client'));
        blank.push(await timeLoad(browser.context, page, 'blank'));
      }
      const offlineSize = appScriptSize(build.dir, 'offline/index.html');
      const staffSize = appScriptSize(build.dir, 'index.html');
      const clientMs = median(client);
      const blankMs = median(blank);
      return [
        {
          name: 'Offline client start',
          engine: 'chromium',
          figures: {
            loads: client.length,
            medianMs: clientMs,
            maxMs: roundMs(Math.max(...client)),
            offlineClientJsGzipBytes: offlineSize.scriptGzipBytes,
            offlineClientJsBytes: offlineSize.scriptBytes,
            staffAppJsGzipBytes: staffSize.scriptGzipBytes,
            staffAppJsBytes: staffSize.scriptBytes,
          },
          baseline: {
            name: 'blank page from a service worker cache',
            figures: { loads: blank.length, medianMs: blankMs, maxMs: roundMs(Math.max(...blank)) },
          },
          ratios: {
            medianMs: ratio(clientMs, blankMs),
            jsGzipOfflineToStaff: ratio(offlineSize.scriptGzipBytes, staffSize.scriptGzipBytes),
          },
          goal: {
            text: `start < ${START_GOAL_MS} ms and offline client JS < ${OFFLINE_CLIENT_GOAL_GZIP_BYTES / 1000} kB gzip`,
            met:
              clientMs < START_GOAL_MS &&
              offlineSize.scriptGzipBytes < OFFLINE_CLIENT_GOAL_GZIP_BYTES,
          },
          notes:
            `Start goal ${clientMs < START_GOAL_MS ? 'met' : 'NOT met'}, JS size goal ` +
            `${offlineSize.scriptGzipBytes < OFFLINE_CLIENT_GOAL_GZIP_BYTES ? 'met' : 'NOT met'}. ` +
            `Chromium ${browser.context.browser()?.version() ?? ''} headless; server stopped; ` +
            'each load in a new tab after stopping all service workers; timed in the page from ' +
            'navigation start to "Patron barcode" enabled and focused (blank page: ' +
            'DOMContentLoaded); JS = the entry script and its modulepreloads, gzip -9.',
        },
      ];
    } finally {
      await desk.dispose();
    }
  },
};
