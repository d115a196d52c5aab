// The console's entry point: hash routes (#/streams, #/streams/<name>[/<tab>], #/firehose,
// #/firehose/<name>, #/analytics, #/video, #/video/<name>), the sections of services this server does not serve
// yet, and, when the server checks signatures (--auth), the sign-in form whose access key signs
// every call.

import { kinesis, services } from './api.js';
import { h } from './format.js';
import { credentials, signIn, signOut } from './sigv4.js';
import { streamsView } from './streams.js';
import { streamView } from './stream.js';
import { firehoseView } from './firehose.js';
import { deliveryStreamView } from './deliverystream.js';
import { analyticsView, applicationView } from './analytics.js';
import { videoView, videoStreamView } from './video.js';

/** The other Kinesis services, by the X-Amz-Target prefix the server would route them with. */
const SECTIONS = {
  firehose: { title: 'Amazon Data Firehose', target: 'Firehose_20150804',
    what: 'delivery streams that buffer records and deliver them to destinations' },
  analytics: { title: 'Managed Service for Apache Flink (Kinesis Analytics)', target: 'KinesisAnalytics_20180523',
    what: 'applications that process streams with Apache Flink' },
  video: { title: 'Kinesis Video Streams', target: 'KinesisVideo_20170930',
    what: 'video streams: ingest, archive and playback' },
};

const main = document.getElementById('main');
let current = null; // {path, view: {stop, showTab?}}
let available = new Set(['Kinesis_20131202']);
let authRequired = false; // the server checks signatures (--auth): sign in first

function route() {
  if (authRequired && !credentials()) {
    if (current) current.view.stop();
    current = null;
    signInView();
    return;
  }
  const parts = (window.location.hash.replace(/^#\/?/, '') || 'streams').split('/').map(decodeURIComponent);
  const [section, name, tab] = parts;
  for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('active', a.dataset.section === section);
  const path = `${section}/${name || ''}`;
  if (current && current.path === path && tab && current.view.showTab) {
    current.view.showTab(tab);
    return;
  }
  if (current) current.view.stop();
  document.getElementById('toast').hidden = true;
  let view;
  if (section === 'streams' && name) {
    document.title = `${name} · Rivulet`;
    view = streamView(main, name, tab || 'monitoring');
  } else if (section === 'firehose' && available.has(SECTIONS.firehose.target)) {
    document.title = `${name || 'Firehose'} · Rivulet`;
    view = name ? deliveryStreamView(main, name) : { stop: firehoseView(main) };
  } else if (section === 'analytics' && available.has(SECTIONS.analytics.target)) {
    document.title = `${name || 'Analytics'} · Rivulet`;
    view = name ? applicationView(main, name) : { stop: analyticsView(main) };
  } else if (section === 'video' && available.has(SECTIONS.video.target)) {
    document.title = `${name || 'Video Streams'} · Rivulet`;
    view = { stop: name ? videoStreamView(main, name) : videoView(main) };
  } else if (SECTIONS[section]) {
    document.title = `${SECTIONS[section].title} · Rivulet`;
    view = sectionView(SECTIONS[section]);
  } else {
    document.title = 'Data streams · Rivulet';
    view = { stop: streamsView(main) };
  }
  current = { path, view };
}

function sectionView(section) {
  const here = available.has(section.target);
  main.replaceChildren(
    h('div', { class: 'page-head' }, h('h1', {}, section.title)),
    h('section', { class: 'card empty', id: 'not-available' },
      h('h2', {}, here ? 'Available' : 'Not available yet'),
      h('p', {}, here
        ? `This server serves ${section.title}; its console pages are still to come. Use the AWS CLI or SDK meanwhile.`
        : `This Rivulet server does not serve ${section.title} (${section.what}) yet. Data Streams works today.`),
      h('p', {}, h('a', { href: '#/streams' }, 'Go to Data Streams'))));
  return { stop() {} };
}

/** The sign-in form: an access key the server accepts; kept in this tab only (sessionStorage). */
function signInView(reason) {
  document.title = 'Sign in · Rivulet';
  const error = h('p', { class: 'error-text', id: 'signin-error', hidden: !reason }, reason ? `Signed out: ${reason}` : '');
  const field = (label, attrs) => h('label', {}, label, h('input', { required: true, ...attrs }));
  const form = h('form', { class: 'card', id: 'signin-form', onsubmit: submit },
    h('h2', {}, 'Sign in'),
    h('p', { class: 'muted small' }, 'This server checks AWS Signature Version 4 signatures (--auth). The console signs its calls with',
      ' an access key the server knows; the key stays in this browser tab and is sent nowhere.'),
    h('div', { class: 'form-row' },
      field('Access key ID', { id: 'signin-key', autocomplete: 'username' }),
      field('Secret access key', { id: 'signin-secret', type: 'password', autocomplete: 'current-password' })),
    h('div', { class: 'form-row' },
      h('label', {}, 'Session token (temporary credentials only)', h('input', { id: 'signin-token' })),
      field('Region', { id: 'signin-region', value: 'us-east-1' })),
    error,
    h('div', { class: 'actions' }, h('button', { class: 'btn primary', type: 'submit', id: 'signin-submit' }, 'Sign in')));
  main.replaceChildren(h('div', { class: 'page-head' }, h('h1', {}, 'Rivulet console')), form);
  form.querySelector('input').focus();

  async function submit(event) {
    event.preventDefault();
    const value = (id) => form.querySelector(`#${id}`).value.trim();
    signIn({ accessKeyId: value('signin-key'), secretAccessKey: value('signin-secret'),
      sessionToken: value('signin-token') || undefined, region: value('signin-region') || 'us-east-1' });
    try {
      await kinesis('ListStreams', { Limit: 1 });
    } catch (e) {
      if (e.type !== 'AccessDeniedException') { // allowed in, just not to list streams
        signOut();
        error.textContent = e.message.split('\n\n')[0]; // not the canonical request AWS appends
        error.hidden = false;
        return;
      }
    }
    showAccount();
    route();
  }
}

function showAccount() {
  const box = document.getElementById('account');
  const creds = credentials();
  box.hidden = !authRequired || !creds;
  if (box.hidden) return;
  box.replaceChildren(`${creds.accessKeyId} · `, h('a', { href: '#', id: 'signout', onclick: (e) => {
    e.preventDefault();
    signOut();
    showAccount();
    route();
  } }, 'Sign out'));
}

async function start() {
  document.getElementById('endpoint').textContent = window.location.host;
  try {
    const answer = await services();
    available = new Set(answer.services);
    authRequired = answer.auth === true;
  } catch {
    // an older server without the endpoint: assume Data Streams only
  }
  window.addEventListener('rivulet-signin', (e) => {
    showAccount();
    if (document.getElementById('signin-form')) return; // already asking
    if (current) current.view.stop();
    current = null;
    signInView(e.detail);
  });
  showAccount();
  for (const a of document.querySelectorAll('#nav a')) {
    const s = SECTIONS[a.dataset.section];
    if (s && !available.has(s.target)) {
      a.classList.add('unavailable');
      a.title = 'Not available yet';
    }
  }
  window.addEventListener('hashchange', route);
  route();
}

start();
