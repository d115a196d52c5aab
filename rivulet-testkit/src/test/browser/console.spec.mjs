// Drives the web console in headless Chromium against a live server (started by
// ConsoleBrowserTest): create a stream, put records, see them in the live tail, see the charts
// update, check the sections of services not served yet; screenshots of every page; fails on
// any console error. Env: RIVULET_ENDPOINT, SCREENSHOT_DIR, CHROMIUM (default /usr/bin/chromium).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openBrowser, report, watch } from './browser.mjs';

const endpoint = process.env.RIVULET_ENDPOINT;
const shots = process.env.SCREENSHOT_DIR;
const stream = 'console-demo';
if (!endpoint || !shots) throw new Error('RIVULET_ENDPOINT and SCREENSHOT_DIR are required');
mkdirSync(shots, { recursive: true });

const errors = [];
const steps = [];
const step = (name) => { steps.push(name); console.log(`step: ${name}`); };

async function expectText(locator, pattern, timeout = 10000) {
  await locator.filter({ hasText: pattern }).first().waitFor({ timeout });
}

const browser = await openBrowser();
try {
  const { page } = browser;
  watch(page, errors);

  step('streams list, empty');
  await page.goto(`${endpoint}/`);
  await expectText(page.locator('#streams-table td.empty'), 'No streams yet');
  await page.screenshot({ path: join(shots, '01-streams-empty.png') });

  step('create a stream from the console');
  await page.click('#show-create');
  await page.fill('#create-stream input[name=name]', stream);
  await page.fill('#create-stream input[name=shards]', '2');
  await page.screenshot({ path: join(shots, '02-create-form.png') });
  await page.click('#create-stream button[type=submit]');
  const row = page.locator(`#streams-table tr[data-stream="${stream}"]`);
  await expectText(row, 'ACTIVE');
  await expectText(row, /^.*Provisioned.*$/);
  await page.screenshot({ path: join(shots, '03-streams-list.png') });

  step('stream page: shard map');
  await page.click(`#streams-table a:text-is("${stream}")`);
  await page.waitForURL(`**/#/streams/${stream}`);
  await page.click('.tabs a[data-tab=shards]');
  await page.locator('#shard-table tbody tr').nth(1).waitFor();
  const shardRows = await page.locator('#shard-table tbody tr').count();
  if (shardRows !== 2) throw new Error(`expected 2 shards in the shard map, saw ${shardRows}`);
  if (await page.locator('.keyspace .key-range').count() !== 2) throw new Error('expected 2 key ranges');
  await page.screenshot({ path: join(shots, '04-shard-map.png') });

  step('live tail: put records, see them');
  await page.click('.tabs a[data-tab=tail]');
  await page.locator('#tail-state[data-following="2"]').waitFor();
  const put = async (key, data) => {
    await page.fill('#put-record input[name=partitionKey]', key);
    await page.fill('#put-record textarea[name=data]', data);
    await page.click('#put-record button[type=submit]');
    await expectText(page.locator('#put-result'), new RegExp(`Stored in shardId-\\d{12}, sequence number \\d+`));
    await page.evaluate(() => { document.querySelector('#put-result').textContent = ''; });
  };
  await put('user-42', '{"event":"signup","user":42}');
  await put('plain-text', 'hello from the console');
  for (let i = 0; i < 5; i++) await put(`batch-${i}`, `{"n":${i}}`);
  const json = page.locator('#tail-records li.record[data-key="user-42"] pre');
  await expectText(json, '"event": "signup"');
  await expectText(page.locator('#tail-records li.record[data-key="plain-text"] pre'), 'hello from the console');
  await page.locator('#tail-records li.record').nth(6).waitFor();
  await page.screenshot({ path: join(shots, '05-live-tail.png') });

  step('filter the tail by partition key');
  await page.fill('#tail-filter', 'user-42');
  const shown = await page.locator('#tail-records li.record').count();
  if (shown !== 1) throw new Error(`filter user-42 should leave 1 record, left ${shown}`);
  await page.screenshot({ path: join(shots, '06-live-tail-filtered.png') });

  step('charts update');
  await page.click('.tabs a[data-tab=monitoring]');
  await page.waitForFunction(() => {
    const max = (id) => Number(document.querySelector(`[data-chart="${id}"]`)?.dataset.max || 0);
    return max('records') > 0 && max('bytes') > 0;
  }, null, { timeout: 15000 });
  const points = await page.locator('[data-chart="records"] polyline').first().getAttribute('points');
  await page.waitForFunction((before) =>
    document.querySelector('[data-chart="records"] polyline').getAttribute('points') !== before, points);
  await page.screenshot({ path: join(shots, '07-monitoring.png') });

  step('streams list shows rates');
  await page.click('.brand');
  await expectText(page.locator(`#streams-table tr[data-stream="${stream}"] td.rate`).first(), 'rec/s');
  await page.screenshot({ path: join(shots, '08-streams-rates.png') });

  step('services served and not served yet');
  await page.click('#nav a[data-section=firehose]');
  await expectText(page.locator('#not-available h2'), /^Available$/);
  for (const section of ['analytics', 'video']) {
    await page.click(`#nav a[data-section=${section}]`);
    await expectText(page.locator('#not-available'), 'Not available yet');
  }
  await page.screenshot({ path: join(shots, '09-not-available.png') });
} finally {
  await browser.close();
}

report(errors, steps);
