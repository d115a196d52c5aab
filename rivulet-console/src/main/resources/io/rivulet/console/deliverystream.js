// One Firehose delivery stream: its description, delivery counters and data freshness, a live
// chart of records in and delivered, its destinations, recent delivery errors, and a put-record
// form (PutRecord, or PutRecordBatch with one record per line).

import { firehose, toBase64 } from './api.js';
import { LineChart } from './chart.js';
import { h, number, bytes, timestamp, statusBadge } from './format.js';
import { destinations, sourceOf, keyOfFirehoseArn, metricsByKey, totals, freshness } from './firehose.js';
import { toast, onSubmit } from './toast.js';

const REFRESH_MS = 2000;

export function deliveryStreamView(main, name) {
  let stopped = false;
  let timer = null;
  let description = null;
  let previous = null; // {timeMillis, incoming, delivered} of the last metrics read

  const badge = h('span', {}, statusBadge('…'));
  const facts = h('dl', { class: 'facts' });
  const tiles = h('div', { class: 'tiles', id: 'firehose-metrics' });
  const metricsNote = h('p', { class: 'muted small', hidden: true }, 'Delivery counters are unavailable right now.');
  const chartBox = h('div', { class: 'chart-grid single' });
  const chart = new LineChart(chartBox, { id: 'firehose-records', title: 'Records per second', format: number,
    series: [{ name: 'incoming', color: '#1f6feb' }, { name: 'delivered', color: '#2da44e' }] });
  const destinationList = h('div', { id: 'firehose-destinations' });
  const errors = h('ol', { class: 'errors', id: 'recent-errors' });
  const header = h('div', { class: 'page-head' },
    h('div', {}, h('a', { href: '#/firehose', class: 'crumb' }, 'Firehose'), h('h1', {}, name, ' ', badge)),
    h('button', { class: 'btn danger', onclick: () => remove() }, 'Delete delivery stream'));
  main.replaceChildren(header,
    h('section', { class: 'card' }, facts),
    h('section', { class: 'card' }, h('h2', {}, 'Delivery'), tiles, metricsNote),
    h('div', { class: 'tail-layout' },
      h('div', {}, chartBox,
        h('section', { class: 'card flush' }, h('div', { class: 'card-head' }, h('h2', {}, 'Recent delivery errors')), errors)),
      putForm(name)),
    h('section', { class: 'card flush' }, h('div', { class: 'card-head' }, h('h2', {}, 'Destinations')), destinationList));

  async function refresh() {
    clearTimeout(timer);
    try {
      const out = await firehose('DescribeDeliveryStream', { DeliveryStreamName: name });
      if (stopped) return;
      description = out.DeliveryStreamDescription;
      renderDescription(description);
    } catch (e) {
      if (stopped) return;
      if (e.type === 'ResourceNotFoundException') {
        main.replaceChildren(h('div', { class: 'card empty' }, `Delivery stream ${name} does not exist (any more). `,
          h('a', { href: '#/firehose' }, 'All delivery streams')));
        stop();
        return;
      }
      toast(e.message, true);
    }
    if (description) renderMetrics(await metricsByKey());
    if (!stopped) timer = setTimeout(refresh, REFRESH_MS);
  }

  function renderDescription(d) {
    badge.replaceChildren(statusBadge(d.DeliveryStreamStatus));
    const fact = (k, v) => [h('dt', {}, k), h('dd', {}, v)];
    const enc = d.DeliveryStreamEncryptionConfiguration;
    facts.replaceChildren(
      ...fact('Source', sourceOf(d)),
      ...fact('Version', d.VersionId),
      ...fact('Encryption', enc && enc.Status !== 'DISABLED' ? `${enc.Status} (${enc.KeyType || 'AWS_OWNED_CMK'})` : 'None'),
      ...fact('Created', timestamp(d.CreateTimestamp)),
      ...fact('Last updated', timestamp(d.LastUpdateTimestamp ?? d.CreateTimestamp)),
      ...fact('ARN', h('code', { title: d.DeliveryStreamARN }, d.DeliveryStreamARN)));
    if (d.FailureDescription) {
      facts.append(...fact('Failure', h('span', { class: 'error-text' }, `${d.FailureDescription.Type}: ${d.FailureDescription.Details}`)));
    }
    destinationList.replaceChildren(...destinations(d).map(destinationCard));
  }

  function renderMetrics(metrics) {
    const m = metrics && description && metrics.streams.get(keyOfFirehoseArn(description.DeliveryStreamARN));
    metricsNote.hidden = Boolean(m);
    const t = m ? totals(m) : null;
    const tile = (label, id, value, title) => h('div', { class: 'tile', title },
      h('div', { class: 'tile-label' }, label), h('div', { class: 'tile-value', dataset: { metric: id } }, m ? value : '–'));
    tiles.replaceChildren(
      tile('Incoming records', 'incomingRecords', m && number(m.incomingRecords), m && `${m.incomingPutRequests} put calls`),
      tile('Incoming bytes', 'incomingBytes', m && bytes(m.incomingBytes)),
      tile('Delivered records', 'deliveredRecords', t && number(t.delivered)),
      tile('Delivered bytes', 'deliveredBytes', t && bytes(t.deliveredBytes)),
      tile('Failed records', 'failedRecords', t && number(t.failed), 'sent to the error output (destination or processing failures)'),
      tile('Throttled records', 'throttledRecords', m && number(m.throttledRecords)),
      tile('Buffered', 'bufferedBytes', m && bytes(m.bufferedBytes), 'not yet delivered'),
      tile('Data freshness', 'dataFreshness', m && freshness(m.dataFreshnessSeconds), 'age of the oldest record not yet delivered'));
    if (!m) return;
    if (previous) {
      const seconds = Math.max(0.001, (metrics.timeMillis - previous.timeMillis) / 1000);
      chart.push(metrics.timeMillis, [Math.max(0, (m.incomingRecords - previous.incoming) / seconds),
        Math.max(0, (t.delivered - previous.delivered) / seconds)]);
    }
    previous = { timeMillis: metrics.timeMillis, incoming: m.incomingRecords, delivered: t.delivered };
    renderErrors(m);
  }

  function renderErrors(m) {
    const items = m.recentErrors.slice().reverse().map((e) => h('li', { class: 'error-item', dataset: { kind: e.kind } },
      h('div', { class: 'record-meta' }, h('span', { class: 'kind' }, e.kind),
        h('span', { class: 'muted' }, new Date(e.timeMillis).toLocaleString())),
      h('div', { class: 'error-text' }, e.message)));
    if (m.source && m.source.error) {
      items.unshift(h('li', { class: 'error-item', dataset: { kind: 'source' } },
        h('div', { class: 'record-meta' }, h('span', { class: 'kind' }, 'source')), h('div', { class: 'error-text' }, m.source.error)));
    }
    errors.replaceChildren(...(items.length ? items : [h('li', { class: 'empty' }, 'No delivery errors.')]));
  }

  async function remove() {
    if (!window.confirm(`Delete delivery stream ${name}? Records not yet delivered are lost.`)) return;
    try {
      await firehose('DeleteDeliveryStream', { DeliveryStreamName: name });
      toast(`Deleting delivery stream ${name}`);
      window.location.hash = '#/firehose';
    } catch (e) {
      toast(e.message, true);
    }
  }

  function stop() {
    stopped = true;
    clearTimeout(timer);
  }

  refresh();
  return { stop };
}

function destinationCard(dest) {
  const c = dest.config;
  const row = (k, v) => (v === undefined || v === null || v === '' ? [] : [h('dt', {}, k), h('dd', {}, v)]);
  const processors = c.ProcessingConfiguration && c.ProcessingConfiguration.Enabled
    ? (c.ProcessingConfiguration.Processors || []).map((p) => p.Type).join(', ') : 'Off';
  return h('div', { class: 'destination', dataset: { type: dest.type } },
    h('h3', {}, dest.label, ' ', h('span', { class: 'muted small' }, dest.id)),
    h('dl', { class: 'facts' },
      ...row('Target', h('code', { title: dest.target }, dest.target)),
      ...row('Buffering', dest.buffering),
      ...row('Compression', dest.compression),
      ...row('Error prefix', c.ErrorOutputPrefix),
      ...row('Processing', processors),
      ...row('S3 backup', c.S3BackupMode),
      ...row('Format conversion', c.DataFormatConversionConfiguration && c.DataFormatConversionConfiguration.Enabled !== false ? 'On' : undefined),
      ...row('Dynamic partitioning', c.DynamicPartitioningConfiguration && c.DynamicPartitioningConfiguration.Enabled ? 'On' : undefined)),
    h('details', {}, h('summary', {}, 'Configuration (JSON)'), h('pre', { class: 'data' }, JSON.stringify(c, null, 2))));
}

function putForm(name) {
  const data = h('textarea', { name: 'data', rows: 6, placeholder: '{"event": "click", "page": "/home"}' });
  const mode = h('select', { name: 'mode' },
    h('option', { value: 'one' }, 'One record (PutRecord)'),
    h('option', { value: 'lines' }, 'One record per line (PutRecordBatch)'));
  const newline = h('input', { type: 'checkbox', name: 'newline', checked: true });
  const submit = h('button', { class: 'btn primary', type: 'submit' }, 'Put');
  const result = h('p', { class: 'muted small', id: 'put-result' });
  const form = h('form', { class: 'card put-form', id: 'put-firehose-record' },
    h('h2', {}, 'Put records'),
    h('label', {}, 'Data (UTF-8)', data),
    h('label', {}, 'Send as', mode),
    h('label', { class: 'check' }, newline, 'End each record with a newline (Firehose concatenates records)'),
    h('div', { class: 'actions' }, submit), result);
  onSubmit(form, async () => {
    const end = newline.checked ? '\n' : '';
    if (mode.value === 'one') {
      const out = await firehose('PutRecord', { DeliveryStreamName: name, Record: { Data: toBase64(data.value + end) } });
      result.textContent = `Accepted record ${out.RecordId.slice(0, 16)}…`;
    } else {
      const lines = data.value.split('\n').filter((l) => l.length);
      const out = await firehose('PutRecordBatch', { DeliveryStreamName: name,
        Records: lines.map((l) => ({ Data: toBase64(l + end) })) });
      result.textContent = `Accepted ${lines.length - out.FailedPutCount} of ${lines.length} record(s)`;
    }
  });
  return form;
}
