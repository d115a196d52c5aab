// What the browser specs share: headless Chromium in a throw-away profile, a watch on a page that
// collects console errors, page errors, failed requests and HTTP errors, and the final report.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Launches Chromium (CHROMIUM, default /usr/bin/chromium); close() also removes its profile. */
export async function openBrowser() {
  const userDataDir = mkdtempSync(join(tmpdir(), 'rivulet-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1366, height: 860 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(10000);
  return {
    page,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Collects the page's errors into `errors`, but those `expected()` says are expected just now. */
export function watch(page, errors, expected = () => false) {
  page.on('console', (m) => {
    if (m.type() === 'error' && !expected(m.text())) errors.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => {
    if (r.status() >= 400 && !expected(String(r.status()))) errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
}

/** Ends the spec: exit 1 listing the errors, or the line the Java test looks for. */
export function report(errors, steps) {
  if (errors.length) {
    console.error(`console errors:\n${errors.join('\n')}`);
    process.exit(1);
  }
  console.log(`ok: ${steps.length} steps, no console errors`);
}
