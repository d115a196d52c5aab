// Drives the web console in headless Chromium against a live server (started by
// ConsoleBrowserTest): create a stream, put records, see them in the live tail, see the charts
// update, change its retention, encryption and record size, tag and untag it; Firehose delivery
// streams created through the API and from the form are listed, records put from the form move
// the incoming and delivered counts, records a processor fails show as recent errors, and the
// list survives its metrics endpoint failing; the Analytics and Video sections;
// screenshots of every page; fails on any console error. Env: RIVULET_ENDPOINT, SCREENSHOT_DIR,
// FIREHOSE_BUCKET (an existing bucket of the server's S3), CHROMIUM (default /usr/bin/chromium).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openBrowser, report, watch } from './browser.mjs';

const endpoint = process.env.RIVULET_ENDPOINT;
const shots = process.env.SCREENSHOT_DIR;
const bucket = process.env.FIREHOSE_BUCKET;
const stream = 'console-demo';
if (!endpoint || !shots || !bucket) throw new Error('RIVULET_ENDPOINT, SCREENSHOT_DIR and FIREHOSE_BUCKET are required');
mkdirSync(shots, { recursive: true });

const errors = [];
const steps = [];
const step = (name) => { steps.push(name); console.log(`step: ${name}`); };

async function expectText(locator, pattern, timeout = 10000) {
  await locator.filter({ hasText: pattern }).first().waitFor({ timeout });
}

/** One Firehose call, as any client makes it. */
async function firehoseApi(operation, input) {
  const response = await fetch(`${endpoint}/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `Firehose_20150804.${operation}` },
    body: JSON.stringify(input),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`${operation}: HTTP ${response.status} ${JSON.stringify(body)}`);
  return body;
}

// while the test makes the Firehose counters answer 503 on purpose, those answers (and what
// Chromium logs for them) are not errors; nothing else answers 503
let simulatingOutage = false;
const expected = (what) => simulatingOutage && /\b503\b/.test(what);

const browser = await openBrowser();
try {
  const { page } = browser;
  watch(page, errors, expected);

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

  step('configuration: retention, encryption and record size');
  await page.click('.tabs a[data-tab=configuration]');
  await expectText(page.locator('[data-current=retention]'), /^1 d$/);
  await page.fill('#setting-retention input[name=retentionHours]', '48');
  await page.click('#setting-retention button[type=submit]');
  await expectText(page.locator('[data-current=retention]'), /^2 d$/);
  await page.selectOption('#setting-encryption select[name=encryption]', 'KMS');
  await page.click('#setting-encryption button[type=submit]');
  await expectText(page.locator('[data-current=encryption]'), 'KMS (alias/aws/kinesis)');
  await page.fill('#setting-max-record-size input[name=maxRecordSizeInKiB]', '2048');
  await page.click('#setting-max-record-size button[type=submit]');
  await expectText(page.locator('[data-current=max-record-size]'), '2048 KiB');
  await expectText(page.locator('.facts'), 'KMS (alias/aws/kinesis)');
  await page.screenshot({ path: join(shots, '07b-configuration.png') });

  step('tags: add and remove');
  await page.click('.tabs a[data-tab=tags]');
  await expectText(page.locator('#tags-table'), 'No tags.');
  for (const [key, value] of [['team', 'payments'], ['env', 'dev']]) {
    await page.fill('#add-tag input[name=tagKey]', key);
    await page.fill('#add-tag input[name=tagValue]', value);
    await page.click('#add-tag button[type=submit]');
    await expectText(page.locator(`#tags-table tr[data-tag="${key}"]`), value);
  }
  await page.screenshot({ path: join(shots, '07c-tags.png') });
  await page.click('#tags-table tr[data-tag="env"] button');
  await page.locator('#tags-table tr[data-tag="env"]').waitFor({ state: 'detached' });
  if (await page.locator('#tags-table tr[data-tag]').count() !== 1) throw new Error('expected the tag team alone');

  step('streams list shows rates');
  await page.click('.brand');
  await expectText(page.locator(`#streams-table tr[data-stream="${stream}"] td.rate`).first(), 'rec/s');
  await page.screenshot({ path: join(shots, '08-streams-rates.png') });

  step('firehose: delivery streams created through the API are listed');
  const s3 = (extra = {}) => ({
    RoleARN: 'arn:aws:iam::000000000000:role/console', BucketARN: `arn:aws:s3:::${bucket}`,
    BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 }, ...extra,
  });
  await firehoseApi('CreateDeliveryStream', { DeliveryStreamName: 'console-hose',
    ExtendedS3DestinationConfiguration: s3({ Prefix: 'console/', CompressionFormat: 'GZIP' }) });
  // a Lambda processor on a server without a Lambda endpoint: every record fails processing
  await firehoseApi('CreateDeliveryStream', { DeliveryStreamName: 'console-lambda',
    ExtendedS3DestinationConfiguration: s3({ ErrorOutputPrefix: 'failed/', ProcessingConfiguration: { Enabled: true,
      Processors: [{ Type: 'Lambda', Parameters: [
        { ParameterName: 'LambdaArn', ParameterValue: 'arn:aws:lambda:us-east-1:000000000000:function:enrich' },
        { ParameterName: 'NumberOfRetries', ParameterValue: '0' }] }] } }) });
  await page.click('#nav a[data-section=firehose]');
  const hoseRow = page.locator('#firehose-table tr[data-stream="console-hose"]');
  await expectText(hoseRow, 'ACTIVE');
  await expectText(hoseRow, 'Direct PUT');
  await expectText(hoseRow, `Amazon S3s3://${bucket}/console/`);
  await expectText(hoseRow, '1 MiB / 0 s');
  await expectText(page.locator('#firehose-table tr[data-stream="console-lambda"]'), 'ACTIVE');
  await page.screenshot({ path: join(shots, '10-firehose-list.png') });

  step('firehose: create a delivery stream reading the data stream from the form');
  await page.click('#show-create-firehose');
  await page.fill('#create-firehose input[name=name]', 'console-from-stream');
  await page.locator(`#create-firehose select[name=source] option:text-is("Data stream ${stream}")`).waitFor({ state: 'attached' });
  await page.selectOption('#create-firehose select[name=source]', { label: `Data stream ${stream}` });
  await page.fill('#create-firehose input[name=bucket]', bucket);
  await page.fill('#create-firehose input[name=prefix]', 'from-stream/');
  await page.fill('#create-firehose input[name=intervalInSeconds]', '60');
  await page.selectOption('#create-firehose select[name=compression]', 'GZIP');
  await page.screenshot({ path: join(shots, '10b-firehose-create-form.png') });
  await page.click('#create-firehose button[type=submit]');
  const fromStreamRow = page.locator('#firehose-table tr[data-stream="console-from-stream"]');
  await expectText(fromStreamRow, 'ACTIVE');
  await expectText(fromStreamRow, `Data stream ${stream}`);
  await expectText(fromStreamRow, '5 MiB / 60 s');

  step('firehose: put records from the form, see the counts move');
  await hoseRow.locator('a').click();
  await page.waitForURL('**/#/firehose/console-hose');
  await expectText(page.locator('#firehose-destinations'), `s3://${bucket}/console/`);
  await expectText(page.locator('[data-metric=incomingRecords]'), /^0$/);
  await page.fill('#put-firehose-record textarea[name=data]', '{"event":"click","page":"/home"}');
  await page.click('#put-firehose-record button[type=submit]');
  await expectText(page.locator('#put-result'), 'Accepted record');
  await expectText(page.locator('[data-metric=incomingRecords]'), /^1$/);
  await expectText(page.locator('[data-metric=deliveredRecords]'), /^1$/, 15000);
  await page.selectOption('#put-firehose-record select[name=mode]', 'lines');
  await page.fill('#put-firehose-record textarea[name=data]', 'one\ntwo\nthree');
  await page.click('#put-firehose-record button[type=submit]');
  await expectText(page.locator('#put-result'), 'Accepted 3 of 3 record(s)');
  await expectText(page.locator('[data-metric=deliveredRecords]'), /^4$/, 15000);
  await expectText(page.locator('[data-metric=failedRecords]'), /^0$/);
  await expectText(page.locator('#recent-errors'), 'No delivery errors.');
  await page.waitForFunction(() => Number(document.querySelector('[data-chart="firehose-records"]')?.dataset.max || 0) > 0);
  await page.screenshot({ path: join(shots, '11-delivery-stream.png'), fullPage: true });

  step('firehose: records that fail processing show as recent errors');
  await page.click('.crumb');
  await page.locator('#firehose-table tr[data-stream="console-lambda"] a').click();
  await page.waitForURL('**/#/firehose/console-lambda');
  await page.fill('#put-firehose-record textarea[name=data]', '{"event":"view"}');
  await page.click('#put-firehose-record button[type=submit]');
  await expectText(page.locator('[data-metric=failedRecords]'), /^1$/, 15000);
  await expectText(page.locator('#recent-errors li.error-item[data-kind="processing-failed"]'), 'Lambda.ResourceNotFound');
  await page.screenshot({ path: join(shots, '12-delivery-errors.png'), fullPage: true });

  step('firehose: the list degrades gracefully when its metrics cannot be read');
  simulatingOutage = true;
  await page.route('**/console/api/firehose', (route) => route.fulfill({ status: 503, body: 'unavailable' }));
  await page.click('.crumb');
  await page.locator('#firehose-metrics-note').waitFor({ state: 'visible' });
  await expectText(hoseRow, 'ACTIVE');
  await expectText(hoseRow.locator('[data-metric=delivered]'), /^–$/);
  await page.screenshot({ path: join(shots, '13-firehose-no-metrics.png') });
  await page.unroute('**/console/api/firehose');
  await expectText(hoseRow.locator('[data-metric=delivered]'), /^4$/);
  simulatingOutage = false;

  step('the Analytics and Video sections');
  await page.click('#nav a[data-section=analytics]');
  await expectText(page.locator('#not-available'), 'Available'); // served; its pages are to come
  await page.screenshot({ path: join(shots, '09-analytics.png') });
  await page.click('#nav a[data-section=video]');
  await page.locator('#video-table').waitFor();
} finally {
  await browser.close();
}

report(errors, steps);
