// The Video Streams section: the account's video streams (status, media type, retention, stored
// fragments and the newest one when the server stores media), the create form, and a stream's
// page with its settings, tags, data endpoint and delete button. Reads the control plane
// (rest-json) and /console/api/video for fragment counts.

import { kinesisVideo, videoStreams } from './api.js';
import { h, millis, number, retention, statusBadge, timestamp } from './format.js';
import { onSubmit, toast } from './toast.js';

const REFRESH_MS = 3000;

/** All the account's video streams (ListStreams pages by NextToken). */
async function listStreams() {
  const infos = [];
  let token;
  do {
    const page = await kinesisVideo('ListStreams', token ? { NextToken: token } : {});
    infos.push(...page.StreamInfoList);
    token = page.NextToken;
  } while (token);
  return infos;
}

/** Fragment figures by ARN, or null when they cannot be read. */
async function fragmentsByArn() {
  try {
    const v = await videoStreams();
    return { store: v.fragmentStore, byArn: new Map(v.streams.map((s) => [s.arn, s])) };
  } catch {
    return null;
  }
}

function fragmentCount(f) {
  if (!f || f.fragments === null || f.fragments === undefined) return '–';
  return f.fragmentsCapped ? `${number(f.fragments)}+` : number(f.fragments);
}

function lastFragment(f, nowMillis) {
  if (!f || !f.lastFragment) return '–';
  return `${millis(nowMillis - f.lastFragment.serverTimestamp * 1000)} ago`;
}

export function videoView(main) {
  let stopped = false;
  let timer = null;
  const form = createForm(() => refresh());
  const body = h('tbody', {}, h('tr', {}, h('td', { colspan: 7, class: 'muted' }, 'Loading…')));
  const note = h('p', { class: 'muted small', id: 'video-store-note', hidden: true },
    'This server keeps no video media yet, so fragment counts are not shown.');
  main.replaceChildren(
    h('div', { class: 'page-head' }, h('h1', {}, 'Kinesis Video Streams'),
      h('button', { class: 'btn primary', id: 'show-create-video', onclick: () => toggle(form) }, 'Create video stream')),
    form,
    h('section', { class: 'card flush' }, h('table', { class: 'table', id: 'video-table' },
      h('thead', {}, h('tr', {},
        h('th', {}, 'Name'), h('th', {}, 'Status'), h('th', {}, 'Media type'), h('th', {}, 'Retention'),
        h('th', {}, 'Created'), h('th', { class: 'num' }, 'Fragments'), h('th', { class: 'num' }, 'Last fragment'))),
      body)),
    note);

  async function refresh() {
    clearTimeout(timer);
    try {
      const [infos, fragments] = await Promise.all([listStreams(), fragmentsByArn()]);
      if (stopped) return;
      render(infos, fragments);
    } catch (e) {
      if (stopped) return;
      body.replaceChildren(h('tr', {}, h('td', { colspan: 7, class: 'empty error-text' }, `Could not list video streams: ${e.message}`)));
    }
    if (!stopped) timer = setTimeout(refresh, REFRESH_MS);
  }

  function render(infos, fragments) {
    note.hidden = !fragments || fragments.store;
    if (infos.length === 0) {
      body.replaceChildren(h('tr', {}, h('td', { colspan: 7, class: 'empty' },
        'No video streams yet. Create one, or use ./rivulet video create, the AWS CLI or an SDK.')));
      return;
    }
    const now = Date.now();
    body.replaceChildren(...infos.map((s) => {
      const f = fragments && fragments.byArn.get(s.StreamARN);
      return h('tr', { dataset: { stream: s.StreamName } },
        h('td', {}, h('a', { href: `#/video/${encodeURIComponent(s.StreamName)}` }, s.StreamName)),
        h('td', {}, statusBadge(s.Status)),
        h('td', {}, s.MediaType || '–'),
        h('td', {}, s.DataRetentionInHours ? retention(s.DataRetentionInHours) : 'none'),
        h('td', {}, timestamp(s.CreationTime)),
        h('td', { class: 'num', dataset: { metric: 'fragments' } }, fragmentCount(f)),
        h('td', { class: 'num', dataset: { metric: 'last-fragment' } }, lastFragment(f, now)));
    }));
  }

  refresh();
  return () => { stopped = true; clearTimeout(timer); };
}

function toggle(form) {
  form.hidden = !form.hidden;
  if (!form.hidden) form.querySelector('input').focus();
}

function createForm(onCreated) {
  const input = (name, attrs) => h('input', { name, autocomplete: 'off', ...attrs });
  const name = input('name', { required: true, pattern: '[a-zA-Z0-9_.\\-]{1,256}', placeholder: 'front-door' });
  const media = input('mediaType', { placeholder: 'video/h264' });
  const hours = input('retention', { type: 'number', min: 0, max: 87600, value: 24, required: true });
  const form = h('form', { class: 'card form-row', id: 'create-video', hidden: true },
    h('label', {}, 'Stream name', name),
    h('label', {}, 'Media type', media),
    h('label', { class: 'narrow' }, 'Retention (hours, 0: none)', hours),
    h('div', { class: 'actions' }, h('button', { class: 'btn primary', type: 'submit' }, 'Create'),
      h('button', { class: 'btn', type: 'button', onclick: () => { form.hidden = true; } }, 'Cancel')));
  onSubmit(form, async () => {
    const request = { StreamName: name.value.trim(), DataRetentionInHours: Number(hours.value) };
    if (media.value.trim()) request.MediaType = media.value.trim();
    await kinesisVideo('CreateStream', request);
    toast(`Created video stream ${request.StreamName}`);
    form.reset();
    form.hidden = true;
    onCreated();
  });
  return form;
}

export function videoStreamView(main, name) {
  let stopped = false;
  let timer = null;
  const facts = h('dl', { class: 'facts', id: 'video-facts' });
  const tags = h('p', { id: 'video-tags' }, '–');
  const deleteButton = h('button', { class: 'btn danger', id: 'delete-video', onclick: remove }, 'Delete stream');
  main.replaceChildren(
    h('div', { class: 'page-head' }, h('h1', {}, name), deleteButton),
    h('section', { class: 'card' }, h('h2', {}, 'Stream'), facts),
    h('section', { class: 'card' }, h('h2', {}, 'Tags'), tags));
  let info = null;

  async function refresh() {
    clearTimeout(timer);
    try {
      const [described, tagged, endpoint, fragments] = await Promise.all([
        kinesisVideo('DescribeStream', { StreamName: name }),
        kinesisVideo('ListTagsForStream', { StreamName: name }),
        kinesisVideo('GetDataEndpoint', { StreamName: name, APIName: 'GET_HLS_STREAMING_SESSION_URL' }),
        fragmentsByArn()]);
      if (stopped) return;
      info = described.StreamInfo;
      render(info, tagged.Tags || {}, endpoint.DataEndpoint, fragments && fragments.byArn.get(info.StreamARN));
    } catch (e) {
      if (stopped) return;
      facts.replaceChildren(h('p', { class: 'error-text' }, e.type === 'ResourceNotFoundException'
        ? `No video stream named ${name}.` : `Could not describe ${name}: ${e.message}`));
    }
    if (!stopped) timer = setTimeout(refresh, REFRESH_MS);
  }

  function render(s, tagMap, endpoint, f) {
    const row = (label, value, id) => [h('dt', {}, label),
      h('dd', { id, title: typeof value === 'string' ? value : undefined }, value)];
    facts.replaceChildren(
      ...row('Status', statusBadge(s.Status), 'video-status'),
      ...row('ARN', s.StreamARN, 'video-arn'),
      ...row('Media type', s.MediaType || '–'),
      ...row('Device', s.DeviceName || '–'),
      ...row('Retention', s.DataRetentionInHours ? retention(s.DataRetentionInHours) : 'none (live only)'),
      ...row('Created', timestamp(s.CreationTime)),
      ...row('Version', s.Version),
      ...row('Data endpoint', endpoint),
      ...row('Fragments', fragmentCount(f), 'video-fragments'),
      ...row('Last fragment', f && f.lastFragment
        ? `${timestamp(f.lastFragment.producerTimestamp)} (${millis(f.lastFragment.durationMillis)}, #${f.lastFragment.fragmentNumber})`
        : '–', 'video-last-fragment'));
    const entries = Object.entries(tagMap);
    tags.replaceChildren(...(entries.length
      ? entries.map(([k, v]) => h('span', { class: 'badge badge-muted' }, `${k}=${v}`)) : ['No tags']));
  }

  async function remove() {
    if (!info || !window.confirm(`Delete video stream ${name} and its media?`)) return;
    try {
      await kinesisVideo('DeleteStream', { StreamARN: info.StreamARN, CurrentVersion: info.Version });
      toast(`Deleted video stream ${name}`);
      window.location.hash = '#/video';
    } catch (e) {
      toast(e.message, true);
    }
  }

  refresh();
  return () => { stopped = true; clearTimeout(timer); };
}
