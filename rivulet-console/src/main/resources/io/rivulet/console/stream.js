// One stream: its summary, live charts, shard map, live tail with a put-record form, consumers,
// configuration (retention, capacity, encryption, record size) and tags, as tabs under a header.

import { kinesis, paginate } from './api.js';
import { LineChart } from './chart.js';
import { h, number, bytes, perSecond, millis, retention, timestamp, statusBadge, hashPercent, shortHash } from './format.js';
import { rates, keyOfArn } from './rates.js';
import { tailPanel } from './tailview.js';
import { consumersPanel } from './consumers.js';
import { settingsPanel, tagsPanel } from './streamsettings.js';
import { toast } from './toast.js';

const REFRESH_MS = 3000;
const TABS = [['monitoring', 'Monitoring'], ['shards', 'Shards'], ['tail', 'Live tail'], ['consumers', 'Consumers'],
  ['configuration', 'Configuration'], ['tags', 'Tags']];

export function streamView(main, name, tab = 'monitoring') {
  const cleanups = [];
  let stopped = false;
  let timer = null;
  let summary = null;
  let shardRates = new Map();

  const badge = h('span', {}, statusBadge('…'));
  const facts = h('dl', { class: 'facts' });
  const header = h('div', { class: 'page-head' },
    h('div', {}, h('a', { href: '#/streams', class: 'crumb' }, 'Data streams'), h('h1', {}, name, ' ', badge)),
    h('button', { class: 'btn danger', onclick: () => remove() }, 'Delete stream'));
  const tabBar = h('nav', { class: 'tabs' }, TABS.map(([id, label]) =>
    h('a', { href: `#/streams/${encodeURIComponent(name)}/${id}`, dataset: { tab: id }, class: id === tab ? 'active' : '' }, label)));
  const panels = {};
  for (const [id] of TABS) panels[id] = h('section', { class: 'panel', id: `panel-${id}`, hidden: id !== tab });
  main.replaceChildren(header, h('section', { class: 'card' }, facts), tabBar, ...Object.values(panels));

  // Monitoring: four live charts.
  const grid = h('div', { class: 'chart-grid' });
  panels.monitoring.append(grid);
  const charts = {
    records: new LineChart(grid, { id: 'records', title: 'Records per second', format: number,
      series: [{ name: 'incoming', color: '#1f6feb' }, { name: 'outgoing', color: '#2da44e' }] }),
    bytes: new LineChart(grid, { id: 'bytes', title: 'Bytes per second', format: bytes,
      series: [{ name: 'incoming', color: '#1f6feb' }, { name: 'outgoing', color: '#2da44e' }] }),
    age: new LineChart(grid, { id: 'age', title: 'Iterator age (GetRecords)', format: millis,
      series: [{ name: 'max', color: '#8250df' }] }),
    throttles: new LineChart(grid, { id: 'throttles', title: 'Throttled per second', format: number,
      series: [{ name: 'write records', color: '#cf222e' }, { name: 'read calls', color: '#bf8700' }] }),
  };
  const shardMap = h('div', { class: 'shard-map' });
  panels.shards.append(h('div', { class: 'card' }, shardMap));

  const tail = tailPanel(panels.tail, name);
  cleanups.push(tail);
  const consumers = consumersPanel(panels.consumers, () => summary);
  cleanups.push(consumers.stop);
  const settings = settingsPanel(panels.configuration, () => summary, () => refresh());
  const tags = tagsPanel(panels.tags, () => summary);
  cleanups.push(tags.stop);

  cleanups.push(rates.subscribe(({ timeMillis, streams }) => {
    if (!summary) return;
    const r = streams.get(keyOfArn(summary.StreamARN));
    const z = { incomingRecords: 0, outgoingRecords: 0, incomingBytes: 0, outgoingBytes: 0, writeThrottled: 0, readThrottled: 0 };
    const v = r ? r.rates : z;
    charts.records.push(timeMillis, [v.incomingRecords, v.outgoingRecords]);
    charts.bytes.push(timeMillis, [v.incomingBytes, v.outgoingBytes]);
    charts.age.push(timeMillis, [r ? r.iteratorAgeMillis : 0]);
    charts.throttles.push(timeMillis, [v.writeThrottled, v.readThrottled]);
    shardRates = r ? r.shards : new Map();
    showShardRates();
  }));

  function showShardRates() {
    for (const cell of shardMap.querySelectorAll('[data-rate]')) {
      const s = shardRates.get(cell.dataset.rate);
      cell.textContent = s ? `${number(s.incomingRecords)} / ${number(s.outgoingRecords)}` : '–';
    }
  }

  async function refresh() {
    clearTimeout(timer);
    try {
      const out = await kinesis('DescribeStreamSummary', { StreamName: name });
      if (stopped) return;
      summary = out.StreamDescriptionSummary;
      renderSummary(summary);
      settings.update(summary);
      if (summary.StreamStatus !== 'CREATING') {
        renderShards(await paginate('ListShards', { StreamName: name }, 'Shards'));
        if (!tail.started && summary.StreamStatus !== 'DELETING') tail.start();
      }
      consumers.refresh();
      tags.refresh();
    } catch (e) {
      if (stopped) return;
      if (e.type === 'ResourceNotFoundException') {
        main.replaceChildren(h('div', { class: 'card empty' }, `Stream ${name} does not exist (any more). `,
          h('a', { href: '#/streams' }, 'All streams')));
        stop();
        return;
      }
      toast(e.message, true);
    }
    if (!stopped) timer = setTimeout(refresh, REFRESH_MS);
  }

  function renderSummary(s) {
    badge.replaceChildren(statusBadge(s.StreamStatus));
    const fact = (k, v) => [h('dt', {}, k), h('dd', {}, v)];
    facts.replaceChildren(
      ...fact('Mode', s.StreamModeDetails.StreamMode === 'ON_DEMAND' ? 'On-demand' : 'Provisioned'),
      ...fact('Open shards', String(s.OpenShardCount)),
      ...fact('Retention', retention(s.RetentionPeriodHours)),
      ...fact('Consumers', String(s.ConsumerCount ?? 0)),
      ...fact('Encryption', s.EncryptionType === 'KMS' ? `KMS (${s.KeyId})` : 'None'),
      ...fact('Max record size', s.MaxRecordSizeInKiB ? bytes(s.MaxRecordSizeInKiB * 1024) : '1 MiB'),
      ...fact('Created', timestamp(s.StreamCreationTimestamp)),
      ...fact('ARN', h('code', {}, s.StreamARN)));
  }

  function renderShards(shards) {
    const children = new Map();
    for (const s of shards) {
      for (const p of [s.ParentShardId, s.AdjacentParentShardId]) {
        if (p) children.set(p, [...(children.get(p) || []), s.ShardId]);
      }
    }
    const open = (s) => !s.SequenceNumberRange.EndingSequenceNumber;
    const bars = h('div', { class: 'keyspace' }, shards.filter(open).map((s) => {
      const from = hashPercent(s.HashKeyRange.StartingHashKey);
      const to = hashPercent(s.HashKeyRange.EndingHashKey);
      const bar = h('div', { class: 'key-range', title: `${s.ShardId}: ${from.toFixed(2)} %–${to.toFixed(2)} % of the hash-key space` },
        `#${Number(s.ShardId.slice('shardId-'.length))}`);
      bar.style.left = `${from}%`;
      bar.style.width = `${Math.max(0.5, to - from)}%`;
      return bar;
    }));
    const rows = shards.map((s) => h('tr', { dataset: { shard: s.ShardId }, class: open(s) ? '' : 'closed' },
      h('td', {}, h('code', {}, s.ShardId)),
      h('td', {}, statusBadge(open(s) ? 'OPEN' : 'CLOSED')),
      h('td', { title: `${s.HashKeyRange.StartingHashKey} – ${s.HashKeyRange.EndingHashKey}` },
        `${shortHash(s.HashKeyRange.StartingHashKey)} – ${shortHash(s.HashKeyRange.EndingHashKey)}`),
      h('td', { class: 'num' }, `${(hashPercent(s.HashKeyRange.EndingHashKey) - hashPercent(s.HashKeyRange.StartingHashKey)).toFixed(1)} %`),
      h('td', {}, [s.ParentShardId, s.AdjacentParentShardId].filter(Boolean).join(', ') || '–'),
      h('td', {}, (children.get(s.ShardId) || []).join(', ') || '–'),
      h('td', { class: 'num', dataset: { rate: s.ShardId } }, '–')));
    shardMap.replaceChildren(
      h('h2', {}, 'Hash-key space ', h('span', { class: 'muted' }, '(open shards, 0 to 2', h('sup', {}, '128'), ')')),
      bars,
      h('table', { class: 'table', id: 'shard-table' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Shard'), h('th', {}, 'State'), h('th', {}, 'Hash-key range'),
          h('th', { class: 'num' }, 'Share'), h('th', {}, 'Parents'), h('th', {}, 'Children'),
          h('th', { class: 'num' }, 'In / out rec/s'))),
        h('tbody', {}, rows)));
    showShardRates();
  }

  async function remove() {
    if (!window.confirm(`Delete stream ${name} and all its records?`)) return;
    try {
      await kinesis('DeleteStream', { StreamName: name, EnforceConsumerDeletion: true });
      toast(`Deleting stream ${name}`);
      window.location.hash = '#/streams';
    } catch (e) {
      toast(e.message, true);
    }
  }

  function stop() {
    stopped = true;
    clearTimeout(timer);
    cleanups.forEach((c) => (typeof c === 'function' ? c() : c.stop()));
  }

  refresh();
  return {
    stop,
    showTab(id) {
      for (const a of tabBar.querySelectorAll('a')) a.classList.toggle('active', a.dataset.tab === id);
      for (const [pid, panel] of Object.entries(panels)) panel.hidden = pid !== id;
    },
  };
}
