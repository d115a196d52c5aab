// Drives the console's Analytics pages in headless Chromium against a live server (started by
// AnalyticsConsoleBrowserTest with a test-double runtime): the application list with status and
// runtime, an application's page, Start (RUNNING, its job's state and counters), a snapshot
// listed, Stop (READY) with the operations listed; screenshots; fails on any console error.
// Env: RIVULET_ENDPOINT, SCREENSHOT_DIR, APPLICATION (a READY FLINK-2_2 application with
// snapshots on), CHROMIUM.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openBrowser, report, watch } from './browser.mjs';

const endpoint = process.env.RIVULET_ENDPOINT;
const shots = process.env.SCREENSHOT_DIR;
const app = process.env.APPLICATION;
if (!endpoint || !shots || !app) throw new Error('RIVULET_ENDPOINT, SCREENSHOT_DIR and APPLICATION are required');
mkdirSync(shots, { recursive: true });

const errors = [];
const steps = [];
const step = (name) => { steps.push(name); console.log(`step: ${name}`); };

async function expectText(locator, pattern, timeout = 10000) {
  await locator.filter({ hasText: pattern }).first().waitFor({ timeout });
}

const { page, close } = await openBrowser();
watch(page, errors);
try {
  step('list');
  await page.goto(`${endpoint}/#/analytics`);
  const row = page.locator(`#analytics-table tr[data-application="${app}"]`);
  await expectText(row.locator('[data-field=status]'), 'READY');
  await expectText(row, 'FLINK-2_2');
  await page.screenshot({ path: join(shots, '20-analytics-list.png') });

  step('start');
  await row.locator('a').click();
  await expectText(page.locator('#application-facts [data-field=status]'), 'READY');
  await page.click('#start-application');
  await expectText(page.locator('#application-facts [data-field=status]'), 'RUNNING');
  await expectText(page.locator('#application-facts [data-field=job]'), 'RUNNING');
  await expectText(page.locator('#application-facts [data-field=records]'), '7 / 3');
  await expectText(page.locator('#operations-table'), 'StartApplication');
  await page.screenshot({ path: join(shots, '21-analytics-running.png') });

  step('stop');
  await page.click('#stop-application');
  await expectText(page.locator('#application-facts [data-field=status]'), 'READY');
  await expectText(page.locator('#snapshots-table'), 'rivulet-stop-');
  await expectText(page.locator('#operations-table'), 'StopApplication');
  await page.screenshot({ path: join(shots, '22-analytics-stopped.png') });

  step('back to the list');
  await page.click('.crumb');
  await expectText(row.locator('[data-field=status]'), 'READY');
} finally {
  await close();
}

report(errors, steps);
