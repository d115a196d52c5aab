// The Firehose section: delivery streams with status, source, destination, buffering hints and
// their delivery counters, and the create form (S3 destination, Direct PUT or a data stream as
// the source). Also the helpers that read a DescribeDeliveryStream description, shared with the
// delivery stream page.

import { firehose, firehoseMetrics, kinesis, paginate } from './api.js';
import { h, number, millis, statusBadge } from './format.js';
import { toast, onSubmit } from './toast.js';

const REFRESH_MS = 3000;
const SUFFIX = 'DestinationDescription';
const TYPE_LABELS = {
  ExtendedS3: 'Amazon S3', S3: 'Amazon S3', HttpEndpoint: 'HTTP endpoint', Redshift: 'Amazon Redshift',
  Amazonopensearchservice: 'OpenSearch Service', Elasticsearch: 'Elasticsearch',
  AmazonOpenSearchServerless: 'OpenSearch Serverless', Splunk: 'Splunk', Snowflake: 'Snowflake',
  Iceberg: 'Apache Iceberg',
};
const TARGETS = [['EndpointConfiguration', 'Url'], ['ClusterJDBCURL'], ['HECEndpoint'], ['ClusterEndpoint'],
  ['DomainARN'], ['CollectionEndpoint'], ['AccountUrl'], ['CatalogConfiguration', 'CatalogARN']];

/** Each destination of a description: {id, type, label, config, target, buffering, compression}. */
export function destinations(description) {
  return (description.Destinations || []).map((dest) => {
    // an ExtendedS3 destination is described twice, as ExtendedS3 and as S3
    const kinds = Object.keys(dest).filter((k) => k.endsWith(SUFFIX));
    const key = kinds.find((k) => k !== `S3${SUFFIX}`) || kinds[0];
    const type = key ? key.slice(0, -SUFFIX.length) : '–';
    const c = (key && dest[key]) || {};
    const hints = c.BufferingHints || (c.S3DestinationDescription || {}).BufferingHints;
    return {
      id: dest.DestinationId, type, label: TYPE_LABELS[type] || type, config: c,
      target: target(c),
      buffering: hints ? `${hints.SizeInMBs ?? '?'} MiB / ${hints.IntervalInSeconds ?? '?'} s` : '–',
      compression: c.CompressionFormat || (c.RequestConfiguration || {}).ContentEncoding || '–',
    };
  });
}

function target(c) {
  if (c.BucketARN) return `s3://${c.BucketARN.replace(/^arn:[^:]+:s3:::/, '')}/${c.Prefix || ''}`;
  for (const path of TARGETS) {
    const v = path.reduce((o, k) => (o ? o[k] : undefined), c);
    if (typeof v === 'string') {
      const index = c.IndexName || (c.CopyCommand || {}).DataTableName;
      return index ? `${v} (${index})` : v;
    }
  }
  return '–';
}

/** "Direct PUT", or the source data stream's name. */
export function sourceOf(description) {
  const k = description.Source && description.Source.KinesisStreamSourceDescription;
  if (k && k.KinesisStreamARN) return `Data stream ${k.KinesisStreamARN.replace(/^.*:stream\//, '')}`;
  return description.DeliveryStreamType === 'DirectPut' ? 'Direct PUT' : (description.DeliveryStreamType || '–');
}

/** "account/region/name" of a delivery stream ARN, the key of its metrics. */
export function keyOfFirehoseArn(arn) {
  const [, , , region, account, resource] = arn.split(':');
  return `${account}/${region}/${resource.slice('deliverystream/'.length)}`;
}

/** The metrics of every delivery stream by key, or null when they cannot be read. */
export async function metricsByKey() {
  try {
    const m = await firehoseMetrics();
    return { timeMillis: m.timeMillis, streams: new Map(m.deliveryStreams.map((s) => [`${s.account}/${s.region}/${s.name}`, s])) };
  } catch {
    return null;
  }
}

/** Records and bytes delivered, and records that failed, over all destinations and processing. */
export function totals(m) {
  const t = { delivered: 0, deliveredBytes: 0, failed: m.processingFailedRecords };
  for (const d of m.destinations) {
    t.delivered += d.records;
    t.deliveredBytes += d.bytes;
    t.failed += d.failedRecords;
  }
  return t;
}

export const freshness = (seconds) => millis(seconds * 1000);

/** All delivery stream names (ListDeliveryStreams pages by the last name seen). */
async function listNames() {
  const names = [];
  for (;;) {
    const input = { Limit: 100 };
    if (names.length) input.ExclusiveStartDeliveryStreamName = names[names.length - 1];
    const page = await firehose('ListDeliveryStreams', input);
    names.push(...page.DeliveryStreamNames);
    if (!page.HasMoreDeliveryStreams || page.DeliveryStreamNames.length === 0) return names;
  }
}

export function firehoseView(main) {
  let stopped = false;
  let timer = null;
  const form = createForm(() => refresh());
  const body = h('tbody', {}, h('tr', {}, h('td', { colspan: 9, class: 'muted' }, 'Loading…')));
  const note = h('p', { class: 'muted small', id: 'firehose-metrics-note', hidden: true },
    'Delivery counters are unavailable right now; showing the configuration only.');
  main.replaceChildren(
    h('div', { class: 'page-head' }, h('h1', {}, 'Firehose delivery streams'),
      h('button', { class: 'btn primary', id: 'show-create-firehose', onclick: () => toggle(form) }, 'Create delivery stream')),
    form,
    h('section', { class: 'card flush' }, h('table', { class: 'table', id: 'firehose-table' },
      h('thead', {}, h('tr', {},
        h('th', {}, 'Name'), h('th', {}, 'Status'), h('th', {}, 'Source'), h('th', {}, 'Destination'),
        h('th', {}, 'Buffering'), h('th', { class: 'num' }, 'Incoming'), h('th', { class: 'num' }, 'Delivered'),
        h('th', { class: 'num' }, 'Failed'), h('th', { class: 'num' }, 'Freshness'))),
      body)),
    note);

  async function refresh() {
    clearTimeout(timer);
    try {
      const names = await listNames();
      const [descriptions, metrics] = await Promise.all([
        Promise.all(names.map((n) => firehose('DescribeDeliveryStream', { DeliveryStreamName: n })
          .then((r) => r.DeliveryStreamDescription)
          .catch(() => null))), // deleted meanwhile
        metricsByKey()]);
      if (stopped) return;
      render(descriptions.filter(Boolean), metrics);
    } catch (e) {
      if (stopped) return;
      body.replaceChildren(h('tr', {}, h('td', { colspan: 9, class: 'empty error-text' }, `Could not list delivery streams: ${e.message}`)));
    }
    if (!stopped) timer = setTimeout(refresh, REFRESH_MS);
  }

  function render(descriptions, metrics) {
    note.hidden = metrics !== null;
    if (descriptions.length === 0) {
      body.replaceChildren(h('tr', {}, h('td', { colspan: 9, class: 'empty' },
        'No delivery streams yet. Create one, or use ./rivulet firehose create, the AWS CLI or an SDK.')));
      return;
    }
    body.replaceChildren(...descriptions.map((d) => {
      const ds = destinations(d);
      const m = metrics && metrics.streams.get(keyOfFirehoseArn(d.DeliveryStreamARN));
      const t = m ? totals(m) : null;
      const cell = (v, metric) => h('td', { class: 'num', dataset: { metric } }, m ? v : '–');
      return h('tr', { dataset: { stream: d.DeliveryStreamName } },
        h('td', {}, h('a', { href: `#/firehose/${encodeURIComponent(d.DeliveryStreamName)}` }, d.DeliveryStreamName)),
        h('td', {}, statusBadge(d.DeliveryStreamStatus)),
        h('td', {}, sourceOf(d)),
        h('td', { title: ds.map((x) => x.target).join(', ') }, ds.map((x) => x.label).join(', ') || '–',
          ds[0] ? h('div', { class: 'muted small' }, ds[0].target) : null),
        h('td', {}, ds[0] ? ds[0].buffering : '–'),
        cell(m && number(m.incomingRecords), 'incoming'),
        cell(t && number(t.delivered), 'delivered'),
        cell(t && number(t.failed), 'failed'),
        cell(m && freshness(m.dataFreshnessSeconds), 'freshness'));
    }));
  }

  refresh();
  return () => { stopped = true; clearTimeout(timer); };
}

function toggle(form) {
  form.hidden = !form.hidden;
  if (!form.hidden) {
    form.querySelector('input').focus();
    fillStreams(form.querySelector('select[name=source]'));
  }
}

/** Offers Direct PUT and every data stream as sources. */
async function fillStreams(select) {
  try {
    const streams = await paginate('ListStreams', { Limit: 100 }, 'StreamSummaries');
    select.replaceChildren(h('option', { value: '' }, 'Direct PUT'),
      ...streams.map((s) => h('option', { value: s.StreamARN }, `Data stream ${s.StreamName}`)));
  } catch {
    // Direct PUT stays the only choice
  }
}

function createForm(onCreated) {
  const input = (name, attrs) => h('input', { name, autocomplete: 'off', ...attrs });
  const name = input('name', { required: true, pattern: '[a-zA-Z0-9_.\\-]{1,64}', placeholder: 'clicks-to-s3' });
  const source = h('select', { name: 'source' }, h('option', { value: '' }, 'Direct PUT'));
  const bucket = input('bucket', { required: true, pattern: '[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]', placeholder: 'my-bucket' });
  const prefix = input('prefix', { placeholder: 'default: YYYY/MM/dd/HH/' });
  const size = input('sizeInMBs', { type: 'number', min: 1, max: 128, value: 5, required: true });
  const interval = input('intervalInSeconds', { type: 'number', min: 0, max: 900, value: 300, required: true });
  const compression = h('select', { name: 'compression' },
    ['UNCOMPRESSED', 'GZIP', 'ZIP', 'Snappy', 'HADOOP_SNAPPY'].map((c) => h('option', { value: c }, c)));
  const submit = h('button', { class: 'btn primary', type: 'submit' }, 'Create');
  const form = h('form', { class: 'card form-row', id: 'create-firehose', hidden: true },
    h('label', {}, 'Delivery stream name', name),
    h('label', {}, 'Source', source),
    h('label', {}, 'S3 bucket', bucket),
    h('label', {}, 'Prefix', prefix),
    h('label', { class: 'narrow' }, 'Buffer MiB', size),
    h('label', { class: 'narrow' }, 'Buffer seconds', interval),
    h('label', { class: 'narrow' }, 'Compression', compression),
    h('div', { class: 'actions' }, submit,
      h('button', { class: 'btn', type: 'button', onclick: () => { form.hidden = true; } }, 'Cancel')));
  onSubmit(form, async () => {
    const role = 'arn:aws:iam::000000000000:role/rivulet-firehose';
    const s3 = {
      RoleARN: role, BucketARN: `arn:aws:s3:::${bucket.value.trim()}`, CompressionFormat: compression.value,
      BufferingHints: { SizeInMBs: Number(size.value), IntervalInSeconds: Number(interval.value) },
    };
    if (prefix.value) s3.Prefix = prefix.value;
    const request = { DeliveryStreamName: name.value.trim(), ExtendedS3DestinationConfiguration: s3 };
    if (source.value) {
      request.DeliveryStreamType = 'KinesisStreamAsSource';
      request.KinesisStreamSourceConfiguration = { KinesisStreamARN: source.value, RoleARN: role };
    }
    await firehose('CreateDeliveryStream', request);
    toast(`Creating delivery stream ${request.DeliveryStreamName}`);
    form.reset();
    form.hidden = true;
    onCreated();
  });
  return form;
}
