// Polls /console/api/metrics once a second and turns the cumulative counters into per-second
// rates, per stream and per shard. Views subscribe while they are shown.

import { consoleMetrics } from './api.js';

const COUNTERS = ['incomingRecords', 'incomingBytes', 'outgoingRecords', 'outgoingBytes',
  'getRecordsCalls', 'writeThrottled', 'readThrottled'];

/** "account/region/stream" of a stream ARN (arn:aws:kinesis:region:account:stream/name). */
export function keyOfArn(arn) {
  const [, , , region, account, resource] = arn.split(':');
  return `${account}/${region}/${resource.slice('stream/'.length)}`;
}

function sum(shards, field) {
  return shards.reduce((total, s) => total + s[field], 0);
}

class Rates {
  constructor() {
    this.listeners = new Set();
    this.previous = null;
    this.timer = null;
    this.failures = 0;
  }

  /** Calls fn({timeMillis, streams: Map(key → {rates, iteratorAgeMillis, storageBytes, shards: Map(id → rates)})}) every second. */
  subscribe(fn) {
    this.listeners.add(fn);
    if (!this.timer) {
      this.tick();
      this.timer = setInterval(() => this.tick(), 1000);
    }
    return () => {
      this.listeners.delete(fn);
      if (this.listeners.size === 0) {
        clearInterval(this.timer);
        this.timer = null;
        this.previous = null;
      }
    };
  }

  async tick() {
    let now;
    try {
      now = await consoleMetrics();
      this.failures = 0;
    } catch (e) {
      this.failures++;
      return;
    }
    const before = this.previous;
    this.previous = now;
    if (!before) return;
    const seconds = Math.max(0.001, (now.timeMillis - before.timeMillis) / 1000);
    const old = new Map(before.streams.map((s) => [`${s.account}/${s.region}/${s.stream}`, s]));
    const out = new Map();
    for (const s of now.streams) {
      const key = `${s.account}/${s.region}/${s.stream}`;
      const prev = old.get(key);
      const prevShards = new Map((prev ? prev.shards : []).map((p) => [p.shardId, p]));
      const rate = (cur, was, field) => Math.max(0, (cur[field] - (was ? was[field] : cur[field])) / seconds);
      const shards = new Map();
      for (const shard of s.shards) {
        const was = prevShards.get(shard.shardId);
        shards.set(shard.shardId, Object.fromEntries(COUNTERS.map((f) => [f, rate(shard, was, f)])));
      }
      const total = {};
      for (const f of COUNTERS) total[f] = prev ? Math.max(0, (sum(s.shards, f) - sum(prev.shards, f)) / seconds) : 0;
      out.set(key, {
        rates: total,
        iteratorAgeMillis: Math.max(0, ...s.shards.map((x) => x.iteratorAgeMillis)),
        storageBytes: sum(s.shards, 'storageBytes'),
        shards,
      });
    }
    for (const fn of this.listeners) fn({ timeMillis: now.timeMillis, streams: out });
  }
}

export const rates = new Rates();
