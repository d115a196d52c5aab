// The Data Streams list: every stream with status, mode, shards, retention and live rates, and
// the create-stream form.

import { kinesis, paginate } from './api.js';
import { h, number, bytes, retention, timestamp, statusBadge } from './format.js';
import { rates, keyOfArn } from './rates.js';
import { toast, onSubmit } from './toast.js';

const REFRESH_MS = 3000;

export function streamsView(main) {
  let stopped = false;
  let timer = null;
  const rows = new Map(); // rates key → {write, read}

  const form = createForm(() => refresh());
  const body = h('tbody', {}, h('tr', {}, h('td', { colspan: 8, class: 'muted' }, 'Loading…')));
  const table = h('table', { class: 'table', id: 'streams-table' },
    h('thead', {}, h('tr', {},
      h('th', {}, 'Name'), h('th', {}, 'Status'), h('th', {}, 'Mode'),
      h('th', { class: 'num' }, 'Open shards'), h('th', { class: 'num' }, 'Retention'),
      h('th', { class: 'num' }, 'Write'), h('th', { class: 'num' }, 'Read'), h('th', {}, 'Created'))),
    body);
  main.replaceChildren(
    h('div', { class: 'page-head' }, h('h1', {}, 'Data streams'),
      h('button', { class: 'btn primary', id: 'show-create', onclick: () => { form.hidden = !form.hidden; if (!form.hidden) form.querySelector('input').focus(); } }, 'Create stream')),
    form,
    h('section', { class: 'card flush' }, table));

  async function refresh() {
    clearTimeout(timer);
    try {
      const summaries = await paginate('ListStreams', { Limit: 100 }, 'StreamSummaries');
      const details = await Promise.all(summaries.map((s) =>
        kinesis('DescribeStreamSummary', { StreamName: s.StreamName })
          .then((d) => d.StreamDescriptionSummary)
          .catch(() => null))); // deleted meanwhile
      if (stopped) return;
      render(summaries, details);
    } catch (e) {
      if (!stopped) toast(`Could not list streams: ${e.message}`, true);
    }
    if (!stopped) timer = setTimeout(refresh, REFRESH_MS);
  }

  function render(summaries, details) {
    rows.clear();
    if (summaries.length === 0) {
      body.replaceChildren(h('tr', {}, h('td', { colspan: 8, class: 'empty' },
        'No streams yet. Create one, or use the AWS CLI or SDK against this endpoint.')));
      return;
    }
    body.replaceChildren(...summaries.map((s, i) => {
      const d = details[i];
      const write = h('td', { class: 'num rate' }, '–');
      const read = h('td', { class: 'num rate' }, '–');
      rows.set(keyOfArn(s.StreamARN), { write, read });
      return h('tr', { dataset: { stream: s.StreamName } },
        h('td', {}, h('a', { href: `#/streams/${encodeURIComponent(s.StreamName)}` }, s.StreamName)),
        h('td', {}, statusBadge(d ? d.StreamStatus : s.StreamStatus)),
        h('td', {}, mode(s.StreamModeDetails)),
        h('td', { class: 'num' }, d ? String(d.OpenShardCount) : '–'),
        h('td', { class: 'num' }, d ? retention(d.RetentionPeriodHours) : '–'),
        write, read,
        h('td', { class: 'muted' }, timestamp(s.StreamCreationTimestamp)));
    }));
  }

  const unsubscribe = rates.subscribe(({ streams }) => {
    for (const [key, cells] of rows) {
      const r = streams.get(key);
      if (!r) continue;
      cells.write.textContent = `${number(r.rates.incomingRecords)} rec/s · ${bytes(r.rates.incomingBytes)}/s`;
      cells.read.textContent = `${number(r.rates.outgoingRecords)} rec/s · ${bytes(r.rates.outgoingBytes)}/s`;
    }
  });

  refresh();
  return () => { stopped = true; clearTimeout(timer); unsubscribe(); };
}

function mode(details) {
  const m = details && details.StreamMode;
  return m === 'ON_DEMAND' ? 'On-demand' : m === 'PROVISIONED' ? 'Provisioned' : '–';
}

function createForm(onCreated) {
  const name = h('input', { name: 'name', required: true, pattern: '[a-zA-Z0-9_.\\-]{1,128}', placeholder: 'orders', autocomplete: 'off' });
  const shards = h('input', { name: 'shards', type: 'number', min: 1, max: 500, value: 2, required: true });
  const modeSelect = h('select', { name: 'mode', onchange: () => { shards.disabled = modeSelect.value === 'ON_DEMAND'; } },
    h('option', { value: 'PROVISIONED' }, 'Provisioned'), h('option', { value: 'ON_DEMAND' }, 'On-demand (starts with 4 shards)'));
  const submit = h('button', { class: 'btn primary', type: 'submit' }, 'Create');
  const form = h('form', { class: 'card form-row', id: 'create-stream', hidden: true },
    h('label', {}, 'Stream name', name),
    h('label', {}, 'Capacity mode', modeSelect),
    h('label', { class: 'narrow' }, 'Shards', shards),
    h('div', { class: 'actions' }, submit,
      h('button', { class: 'btn', type: 'button', onclick: () => { form.hidden = true; } }, 'Cancel')));
  onSubmit(form, async () => {
    const input = { StreamName: name.value.trim(), StreamModeDetails: { StreamMode: modeSelect.value } };
    if (modeSelect.value === 'PROVISIONED') input.ShardCount = Number(shards.value);
    await kinesis('CreateStream', input);
    toast(`Creating stream ${input.StreamName}`);
    form.reset();
    form.hidden = true;
    onCreated();
  });
  return form;
}
