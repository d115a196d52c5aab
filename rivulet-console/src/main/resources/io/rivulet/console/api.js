// The console's only way to the server: the Kinesis and Firehose APIs (AWS JSON 1.1, unsigned)
// and the console's read-only endpoints. Errors become KinesisError (for either service) with
// AWS's __type and message.

export class KinesisError extends Error {
  constructor(type, message, status) {
    super(message ? `${type}: ${message}` : type);
    this.type = type;
    this.status = status;
  }
}

/** Calls one Kinesis operation, e.g. kinesis('ListStreams', {Limit: 100}). */
export const kinesis = (operation, input = {}) => call('Kinesis_20131202', operation, input);

/** Calls one Firehose operation, e.g. firehose('DescribeDeliveryStream', {DeliveryStreamName: 'x'}). */
export const firehose = (operation, input = {}) => call('Firehose_20150804', operation, input);

async function call(target, operation, input) {
  const response = await fetch('/', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `${target}.${operation}`,
    },
    body: JSON.stringify(input),
  });
  const text = await response.text();
  const body = text ? JSON.parse(text) : {};
  if (!response.ok) {
    const type = String(body.__type || `HTTP ${response.status}`).replace(/^.*#/, '');
    throw new KinesisError(type, body.message || body.Message || '', response.status);
  }
  return body;
}

async function getJson(path) {
  const response = await fetch(path, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

/** Cumulative per-shard counters of every stream: {timeMillis, streams: [{account, region, stream, shards}]}. */
export const consoleMetrics = () => getJson('/console/api/metrics');

/** Firehose's cumulative counters, freshness and recent errors: {timeMillis, deliveryStreams: [...]}. */
export const firehoseMetrics = () => getJson('/console/api/firehose');

/** The X-Amz-Target prefixes this server serves: {services: ['Kinesis_20131202', ...]}. */
export const services = () => getJson('/console/api/services');

/** All pages of a paginated call, collecting `key` from each. */
export async function paginate(operation, input, key, next = 'NextToken') {
  const items = [];
  let page = await kinesis(operation, input);
  items.push(...(page[key] || []));
  while (page[next]) {
    page = await kinesis(operation, { ...pagedInput(operation, input), [next]: page[next] });
    items.push(...(page[key] || []));
  }
  return items;
}

// With a NextToken, ListShards refuses the stream name, ARN and filter.
function pagedInput(operation, input) {
  if (operation === 'ListShards') {
    const { StreamName, StreamARN, ShardFilter, ...rest } = input;
    return rest;
  }
  return input;
}

/** UTF-8 text to base64 (blobs travel as base64 in JSON 1.1). */
export function toBase64(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** Base64 to bytes. */
export function fromBase64(b64) {
  const binary = atob(b64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
