// The console's entry point: hash routes (#/streams, #/streams/<name>[/<tab>], #/firehose,
// #/firehose/<name>, #/analytics, #/video), and the sections of services this server does not
// serve yet.

import { services } from './api.js';
import { h } from './format.js';
import { streamsView } from './streams.js';
import { streamView } from './stream.js';
import { firehoseView } from './firehose.js';
import { deliveryStreamView } from './deliverystream.js';

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

function route() {
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

async function start() {
  document.getElementById('endpoint').textContent = window.location.host;
  try {
    available = new Set((await services()).services);
  } catch {
    // an older server without the endpoint: assume Data Streams only
  }
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
