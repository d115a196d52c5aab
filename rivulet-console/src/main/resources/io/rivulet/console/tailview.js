// The live-tail tab: a put-record form beside the newest records of every shard, filterable by
// partition key.

import { kinesis, toBase64 } from './api.js';
import { h, timestamp } from './format.js';
import { Tail, decode } from './tail.js';
import { onSubmit } from './toast.js';

const KEEP = 200;

export function tailPanel(panel, streamName) {
  const records = [];
  let paused = false;
  let tail = null;

  const filter = h('input', { type: 'search', id: 'tail-filter', placeholder: 'Filter by partition key', oninput: () => render() });
  const pause = h('button', { class: 'btn', type: 'button', onclick: () => { paused = !paused; pause.textContent = paused ? 'Resume' : 'Pause'; render(); } }, 'Pause');
  const clear = h('button', { class: 'btn', type: 'button', onclick: () => { records.length = 0; render(); } }, 'Clear');
  const state = h('span', { class: 'muted', id: 'tail-state' }, 'Starting…');
  const list = h('ol', { class: 'records', id: 'tail-records' });

  const key = h('input', { name: 'partitionKey', required: true, maxlength: 256, placeholder: 'user-42', autocomplete: 'off' });
  const data = h('textarea', { name: 'data', rows: 6, placeholder: '{"event": "signup", "user": 42}' });
  const hashKey = h('input', { name: 'explicitHashKey', pattern: '0|[1-9]\\d{0,38}', placeholder: 'optional, decimal', autocomplete: 'off' });
  const submit = h('button', { class: 'btn primary', type: 'submit' }, 'Put record');
  const result = h('p', { class: 'muted small', id: 'put-result' });
  const form = h('form', { class: 'card put-form', id: 'put-record' },
    h('h2', {}, 'Put a record'),
    h('label', {}, 'Partition key', key),
    h('label', {}, 'Data (UTF-8)', data),
    h('label', {}, 'Explicit hash key', hashKey),
    h('div', { class: 'actions' }, submit), result);
  onSubmit(form, async () => {
    const input = { StreamName: streamName, PartitionKey: key.value, Data: toBase64(data.value) };
    if (hashKey.value) input.ExplicitHashKey = hashKey.value;
    const out = await kinesis('PutRecord', input);
    result.textContent = `Stored in ${out.ShardId}, sequence number ${out.SequenceNumber}`;
  });

  panel.append(h('div', { class: 'tail-layout' },
    h('div', { class: 'card tail' },
      h('div', { class: 'tail-head' }, h('h2', {}, 'Live tail'), state, h('span', { class: 'spacer' }), filter, pause, clear),
      list),
    form));

  function render() {
    const f = filter.value;
    const shown = records.filter((r) => !f || r.record.PartitionKey.includes(f));
    if (shown.length === 0) {
      list.replaceChildren(h('li', { class: 'empty' }, records.length
        ? 'No record matches the filter.'
        : 'Waiting for new records (the tail starts at the latest record of each shard).'));
      return;
    }
    list.replaceChildren(...shown.map(row));
  }

  function row({ shardId, record }) {
    const body = decode(record.Data);
    return h('li', { class: 'record', dataset: { key: record.PartitionKey, shard: shardId } },
      h('div', { class: 'record-meta' },
        h('span', { class: 'pk', title: 'partition key' }, record.PartitionKey),
        h('code', {}, shardId),
        h('span', { class: 'muted', title: record.SequenceNumber }, `seq …${record.SequenceNumber.slice(-8)}`),
        h('span', { class: 'muted' }, timestamp(record.ApproximateArrivalTimestamp)),
        h('span', { class: `kind kind-${body.kind}` }, body.kind)),
      h('pre', { class: `data data-${body.kind}` }, body.text));
  }

  render();
  return {
    get started() { return tail !== null; },
    start() {
      tail = new Tail(streamName, (batch) => {
        records.unshift(...batch.reverse());
        records.length = Math.min(records.length, KEEP);
        if (!paused) render();
      }, ({ following, error }) => {
        state.textContent = error ? `Error: ${error}` : `Following ${following} shard${following === 1 ? '' : 's'}`;
        state.dataset.following = String(following);
        state.classList.toggle('error-text', Boolean(error));
      });
      tail.start();
    },
    stop() { if (tail) tail.stop(); },
  };
}
