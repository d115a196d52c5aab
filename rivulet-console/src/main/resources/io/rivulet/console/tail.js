// A live tail of a stream in the browser: a LATEST iterator on every open shard, one GetRecords
// per shard per second, following NextShardIterator and, when a shard closes, its ChildShards
// (read from TRIM_HORIZON, so nothing written after the split or merge is missed).

import { kinesis, paginate, fromBase64 } from './api.js';

const POLL_MS = 1000;

/** Decodes a record's data: {kind: 'json'|'text'|'binary', text}. */
export function decode(b64) {
  const bytes = fromBase64(b64);
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const hex = Array.from(bytes.subarray(0, 64), (b) => b.toString(16).padStart(2, '0')).join(' ');
    return { kind: 'binary', text: `${bytes.length} bytes: ${hex}${bytes.length > 64 ? ' …' : ''}` };
  }
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return { kind: 'json', text: JSON.stringify(JSON.parse(trimmed), null, 2) };
    } catch {
      // not JSON after all: show it as text
    }
  }
  return { kind: 'text', text };
}

export class Tail {
  /**
   * @param streamName the stream to follow
   * @param onRecords called with [{shardId, record}] in arrival order per shard
   * @param onState called with {following: number of shards, error: string|null}
   */
  constructor(streamName, onRecords, onState) {
    this.streamName = streamName;
    this.onRecords = onRecords;
    this.onState = onState;
    this.shards = new Map(); // shardId → {iterator, last: sequence number}
    this.seen = new Set();
    this.stopped = false;
    this.timer = null;
  }

  async start() {
    try {
      const shards = await paginate('ListShards', { StreamName: this.streamName }, 'Shards');
      const open = shards.filter((s) => !s.SequenceNumberRange.EndingSequenceNumber);
      for (const s of open) {
        await this.add(s.ShardId, { ShardIteratorType: 'LATEST' });
      }
      this.report(null);
    } catch (e) {
      this.report(e.message);
    }
    this.schedule();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  schedule() {
    if (!this.stopped) this.timer = setTimeout(() => this.poll(), POLL_MS);
  }

  report(error) {
    if (!this.stopped) this.onState({ following: this.shards.size, error });
  }

  async add(shardId, position) {
    if (this.seen.has(shardId) || this.stopped) return;
    this.seen.add(shardId);
    const { ShardIterator } = await kinesis('GetShardIterator', {
      StreamName: this.streamName, ShardId: shardId, ...position,
    });
    this.shards.set(shardId, { iterator: ShardIterator, last: null });
  }

  async poll() {
    let error = null;
    for (const [shardId, state] of [...this.shards]) {
      if (this.stopped) return;
      try {
        await this.read(shardId, state);
      } catch (e) {
        if (e.type === 'ExpiredIteratorException') {
          await this.reopen(shardId, state).catch((again) => { error = again.message; });
        } else if (e.type === 'ResourceNotFoundException') {
          this.shards.delete(shardId);
          error = 'The stream no longer exists';
        } else if (e.type !== 'ProvisionedThroughputExceededException') {
          error = e.message;
        }
      }
    }
    this.report(error);
    this.schedule();
  }

  async read(shardId, state) {
    const out = await kinesis('GetRecords', { ShardIterator: state.iterator, Limit: 1000 });
    if (out.Records.length) {
      state.last = out.Records[out.Records.length - 1].SequenceNumber;
      if (!this.stopped) this.onRecords(out.Records.map((record) => ({ shardId, record })));
    }
    if (out.NextShardIterator) {
      state.iterator = out.NextShardIterator;
    } else {
      this.shards.delete(shardId); // closed and read to its end
      for (const child of out.ChildShards || []) {
        await this.add(child.ShardId, { ShardIteratorType: 'TRIM_HORIZON' });
      }
    }
  }

  async reopen(shardId, state) {
    const position = state.last
      ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', StartingSequenceNumber: state.last }
      : { ShardIteratorType: 'LATEST' };
    const { ShardIterator } = await kinesis('GetShardIterator', {
      StreamName: this.streamName, ShardId: shardId, ...position,
    });
    state.iterator = ShardIterator;
  }
}
