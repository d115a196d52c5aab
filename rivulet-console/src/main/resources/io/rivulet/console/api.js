// The console's only way to the server: the Kinesis, Firehose and Analytics APIs (AWS JSON
// 1.1), the Kinesis Video Streams control plane (rest-json: POST /<operation>), all signed with
// SigV4 when the user signed in, as a server started with --auth requires) and the console's
// read-only endpoints. Errors become KinesisError (for either service) with AWS's __type and
// message; an authentication failure also signs the user out and announces it ('rivulet-signin'
// event) so the sign-in form shows.

import { credentials, sign, signOut } from './sigv4.js';

/** Errors that mean the credentials (or their absence) are not accepted. */
const AUTH_ERRORS = new Set(['MissingAuthenticationTokenException', 'IncompleteSignatureException',
  'InvalidSignatureException', 'UnrecognizedClientException', 'ExpiredTokenException']);

function signed(method, path, headers, body, service = 'kinesis') {
  const creds = credentials();
  if (!creds) return headers;
  return { ...headers, ...sign({ method, path, headers, body, credentials: creds, service, host: window.location.host }) };
}

function authFailed(type) {
  if (!AUTH_ERRORS.has(type)) return;
  signOut();
  window.dispatchEvent(new CustomEvent('rivulet-signin', { detail: type }));
}

export class KinesisError extends Error {
  constructor(type, message, status) {
    super(message ? `${type}: ${message}` : type);
    this.type = type;
    this.status = status;
  }
}

/** Calls one Kinesis operation, e.g. kinesis('ListStreams', {Limit: 100}). */
export const kinesis = (operation, input = {}) => call('Kinesis_20131202', 'kinesis', operation, input);

/** Calls one Firehose operation, e.g. firehose('DescribeDeliveryStream', {DeliveryStreamName: 'x'}). */
export const firehose = (operation, input = {}) => call('Firehose_20150804', 'firehose', operation, input);

/** Calls one kinesisanalyticsv2 operation, e.g. analytics('DescribeApplication', {ApplicationName: 'x'}). */
export const analytics = (operation, input = {}) =>
  call('KinesisAnalytics_20180523', 'kinesisanalytics', operation, input);

/** Kinesis Video Streams' paths: lowerCamelCase, but the ARN tagging operations keep their capital. */
const CAPITALISED = new Set(['TagResource', 'UntagResource', 'ListTagsForResource']);

/** Calls one Kinesis Video Streams control-plane operation, e.g. kinesisVideo('ListStreams', {}). */
export async function kinesisVideo(operation, input = {}) {
  const path = `/${CAPITALISED.has(operation) ? operation : operation[0].toLowerCase() + operation.slice(1)}`;
  const body = JSON.stringify(input);
  const headers = { 'content-type': 'application/json' };
  const response = await fetch(path, { method: 'POST', headers: signed('POST', path, headers, body, 'kinesisvideo'), body });
  return answer(response);
}

async function call(target, service, operation, input) {
  const body = JSON.stringify(input);
  const headers = {
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': `${target}.${operation}`,
  };
  const response = await fetch('/', { method: 'POST', headers: signed('POST', '/', headers, body, service), body });
  return answer(response);
}

async function answer(response) {
  const text = await response.text();
  const body = text ? JSON.parse(text) : {};
  if (!response.ok) {
    const header = (response.headers.get('x-amzn-ErrorType') || '').split(':')[0]; // rest-json
    const type = String(header || body.__type || `HTTP ${response.status}`).replace(/^.*#/, '');
    authFailed(type);
    throw new KinesisError(type, body.message || body.Message || '', response.status);
  }
  return body;
}

async function getJson(path, service = 'kinesis') {
  const response = await fetch(path, { cache: 'no-store', headers: signed('GET', path, {}, '', service) });
  if (response.status === 400 || response.status === 403) return answer(response);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

/** Cumulative per-shard counters of every stream: {timeMillis, streams: [{account, region, stream, shards}]}. */
export const consoleMetrics = () => getJson('/console/api/metrics');

/** Firehose's cumulative counters, freshness and recent errors: {timeMillis, deliveryStreams: [...]}. */
export const firehoseMetrics = () => getJson('/console/api/firehose', 'firehose');

/** Analytics jobs' state and counters: {timeMillis, applications: [{account, region, name, status, jobState, ...}]}. */
export const analyticsJobs = () => getJson('/console/api/analytics', 'kinesisanalytics');

/** Video streams with fragment counts and the newest fragment: {timeMillis, fragmentStore, streams: [...]}. */
export const videoStreams = () => getJson('/console/api/video', 'kinesisvideo');

/** The X-Amz-Target prefixes this server serves, and whether it checks signatures: {services: ['Kinesis_20131202', ...], auth}. */
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
