// Drives the console's Video Streams section in headless Chromium against a live server (started
// by VideoConsoleBrowserTest): a stream made through the API is listed with its status and
// retention, one is created from the form, its page shows ARN, tags and data endpoint, and it is
// deleted from there; screenshots of each page; fails on any console error. Env:
// RIVULET_ENDPOINT, SCREENSHOT_DIR, CHROMIUM (default /usr/bin/chromium).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openBrowser, report, watch } from './browser.mjs';

const endpoint = process.env.RIVULET_ENDPOINT;
const shots = process.env.SCREENSHOT_DIR;
if (!endpoint || !shots) throw new Error('RIVULET_ENDPOINT and SCREENSHOT_DIR are required');
mkdirSync(shots, { recursive: true });

const errors = [];
const steps = [];
const step = (name) => { steps.push(name); console.log(`step: ${name}`); };

async function expectText(locator, pattern, timeout = 10000) {
  await locator.filter({ hasText: pattern }).first().waitFor({ timeout });
}

/** One control-plane call, as the AWS CLI makes it (rest-json). */
async function kvs(operation, input) {
  const response = await fetch(`${endpoint}/${operation[0].toLowerCase()}${operation.slice(1)}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`${operation}: HTTP ${response.status} ${JSON.stringify(body)}`);
  return body;
}

const browser = await openBrowser();
const { page } = browser;
watch(page, errors);
try {
  step('a stream made through the API is listed');
  await kvs('CreateStream', { StreamName: 'api-cam', DataRetentionInHours: 48, MediaType: 'video/h264',
    Tags: { site: 'lab' } });
  await page.goto(`${endpoint}/#/video`);
  const apiRow = page.locator('#video-table tr[data-stream="api-cam"]');
  await expectText(apiRow, 'ACTIVE');
  await expectText(apiRow, '2 d');
  await expectText(apiRow, 'video/h264');
  await page.screenshot({ path: join(shots, 'video-01-list.png') });

  step('create a stream from the form');
  await page.click('#show-create-video');
  await page.fill('#create-video input[name=name]', 'form-cam');
  await page.fill('#create-video input[name=retention]', '0');
  await page.click('#create-video button[type=submit]');
  const formRow = page.locator('#video-table tr[data-stream="form-cam"]');
  await expectText(formRow, 'none');

  step('the stream page');
  await page.click('#video-table a[href="#/video/api-cam"]');
  await expectText(page.locator('#video-arn'), /arn:aws:kinesisvideo:us-east-1:000000000000:stream\/api-cam\/\d+/);
  await expectText(page.locator('#video-tags'), 'site=lab');
  await expectText(page.locator('#video-facts'), endpoint);
  await page.screenshot({ path: join(shots, 'video-02-stream.png') });

  step('delete it');
  page.once('dialog', (d) => d.accept());
  await page.click('#delete-video');
  await page.locator('#video-table tr[data-stream="form-cam"]').waitFor();
  await page.locator('#video-table tr[data-stream="api-cam"]').waitFor({ state: 'detached' });
  await page.screenshot({ path: join(shots, 'video-03-deleted.png') });
} finally {
  await browser.close();
}

report(errors, steps);
