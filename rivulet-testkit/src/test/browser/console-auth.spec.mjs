// Drives the web console in headless Chromium against a server started with --auth (by
// ConsoleAuthBrowserTest): the sign-in form, a wrong secret refused, the right key signing every
// call (the streams list, the live charts' counters, a put record in the live tail, the Firehose
// pages with their counters and a put record), signing out. Fails on any console error or
// unexpected HTTP error. Env: RIVULET_ENDPOINT, SCREENSHOT_DIR, CHROMIUM, ACCESS_KEY_ID,
// SECRET_ACCESS_KEY, STREAM and DELIVERY_STREAM (created by the test beforehand).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openBrowser, report, watch } from './browser.mjs';

const { RIVULET_ENDPOINT: endpoint, SCREENSHOT_DIR: shots, ACCESS_KEY_ID: key, SECRET_ACCESS_KEY: secret,
  STREAM: stream, DELIVERY_STREAM: deliveryStream } = process.env;
if (!endpoint || !shots || !key || !secret || !stream || !deliveryStream) {
  throw new Error('RIVULET_ENDPOINT, SCREENSHOT_DIR, ACCESS_KEY_ID, SECRET_ACCESS_KEY, STREAM and DELIVERY_STREAM are required');
}
mkdirSync(shots, { recursive: true });

const errors = [];
const steps = [];
let expectingRefusal = false; // the wrong-secret step answers 400 on purpose
const step = (name) => { steps.push(name); console.log(`step: ${name}`); };

const browser = await openBrowser();
try {
  const { page } = browser;
  watch(page, errors, (text) => expectingRefusal && text.includes('400'));

  step('the sign-in form');
  await page.goto(`${endpoint}/`);
  await page.locator('#signin-form').waitFor();
  await page.screenshot({ path: join(shots, 'auth-01-sign-in.png') });

  step('a wrong secret is refused');
  expectingRefusal = true;
  await page.fill('#signin-key', key);
  await page.fill('#signin-secret', 'not-the-secret');
  await page.click('#signin-submit');
  await page.locator('#signin-error').filter({ hasText: 'InvalidSignatureException' }).waitFor();
  await page.screenshot({ path: join(shots, 'auth-02-refused.png') });
  expectingRefusal = false;

  step('the right key signs every call');
  await page.fill('#signin-secret', secret);
  await page.click('#signin-submit');
  const row = page.locator(`#streams-table tr[data-stream="${stream}"]`);
  await row.filter({ hasText: 'ACTIVE' }).waitFor();
  await page.locator('#account').filter({ hasText: key }).waitFor();
  await page.screenshot({ path: join(shots, 'auth-03-streams.png') });

  step('live tail and charts, signed');
  await page.click(`#streams-table a:text-is("${stream}")`);
  await page.click('.tabs a[data-tab=tail]');
  await page.fill('#put-record input[name=partitionKey]', 'signed-key');
  await page.fill('#put-record textarea[name=data]', 'signed by the console');
  await page.click('#put-record button[type=submit]');
  await page.locator('#put-result').filter({ hasText: /Stored in shardId-\d{12}/ }).waitFor();
  await page.locator('#tail-records li.record[data-key="signed-key"] pre')
    .filter({ hasText: 'signed by the console' }).waitFor({ timeout: 15000 });
  await page.click('.tabs a[data-tab=monitoring]');
  await page.waitForFunction(() => Number(document.querySelector('[data-chart="records"]')?.dataset.max || 0) > 0,
    null, { timeout: 15000 });
  await page.screenshot({ path: join(shots, 'auth-04-stream.png') });

  step('the Firehose pages and their counters, signed');
  await page.click('#nav a[data-section=firehose]');
  const hose = page.locator(`#firehose-table tr[data-stream="${deliveryStream}"]`);
  await hose.filter({ hasText: 'ACTIVE' }).waitFor();
  await hose.locator('[data-metric=incoming]').filter({ hasText: /^0$/ }).waitFor();
  await hose.locator('a').click();
  await page.fill('#put-firehose-record textarea[name=data]', 'signed for Firehose');
  await page.click('#put-firehose-record button[type=submit]');
  await page.locator('#put-result').filter({ hasText: 'Accepted record' }).waitFor();
  await page.locator('[data-metric=incomingRecords]').filter({ hasText: /^1$/ }).waitFor();
  await page.screenshot({ path: join(shots, 'auth-05-firehose.png') });

  step('sign out');
  await page.click('#signout');
  await page.locator('#signin-form').waitFor();
} finally {
  await browser.close();
}

report(errors, steps);
