// The Analytics section: applications with status, runtime, version and their job's state and
// counters (#/analytics), and one application (#/analytics/<name>): its configuration, start
// (restoring the latest snapshot, a chosen one, or none), stop and force stop, snapshots and
// operations. Statuses and job counters refresh every few seconds.

import { analytics, analyticsJobs } from './api.js';
import { h, number, statusBadge } from './format.js';
import { toast } from './toast.js';

const REFRESH_MS = 2000;
const STATUS_KIND = { READY: 'muted', RUNNING: 'ok', STARTING: 'busy', UPDATING: 'busy', STOPPING: 'busy',
  FORCE_STOPPING: 'busy', ROLLING_BACK: 'busy', DELETING: 'warn' };

function badge(status) {
  const b = statusBadge(status);
  b.className = `badge badge-${STATUS_KIND[status] || 'muted'}`;
  return b;
}

const when = (d) => (d ? new Date(typeof d === 'number' ? d * 1000 : d).toLocaleString() : '–');

/** The jobs by "account/region/name", or null when they cannot be read. */
async function jobsByKey() {
  try {
    const j = await analyticsJobs();
    return new Map(j.applications.map((a) => [`${a.account}/${a.region}/${a.name}`, a]));
  } catch {
    return null;
  }
}

function keyOf(arn) {
  const [, , , region, account, resource] = arn.split(':');
  return `${account}/${region}/${resource.slice('application/'.length)}`;
}

async function listAll() {
  const apps = [];
  let token;
  do {
    const page = await analytics('ListApplications', token ? { Limit: 50, NextToken: token } : { Limit: 50 });
    apps.push(...page.ApplicationSummaries);
    token = page.NextToken;
  } while (token);
  return apps;
}

export function analyticsView(main) {
  let stopped = false;
  let timer = null;
  const body = h('tbody', {}, h('tr', {}, h('td', { colspan: 7, class: 'muted' }, 'Loading…')));
  main.replaceChildren(
    h('div', { class: 'page-head' }, h('h1', {}, 'Analytics applications')),
    h('section', { class: 'card flush' }, h('table', { class: 'table', id: 'analytics-table' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Status'), h('th', {}, 'Runtime'),
        h('th', { class: 'num' }, 'Version'), h('th', {}, 'Job'), h('th', { class: 'num' }, 'Records in'),
        h('th', { class: 'num' }, 'Records out'))),
      body)));

  async function refresh() {
    clearTimeout(timer);
    try {
      const [apps, jobs] = await Promise.all([listAll(), jobsByKey()]);
      if (stopped) return;
      render(apps, jobs);
    } catch (e) {
      if (stopped) return;
      body.replaceChildren(h('tr', {}, h('td', { colspan: 7, class: 'empty error-text' }, `Could not list applications: ${e.message}`)));
    }
    if (!stopped) timer = setTimeout(refresh, REFRESH_MS);
  }

  function render(apps, jobs) {
    if (apps.length === 0) {
      body.replaceChildren(h('tr', {}, h('td', { colspan: 7, class: 'empty' },
        'No applications yet. Create one with ./rivulet analytics create, the AWS CLI or an SDK.')));
      return;
    }
    body.replaceChildren(...apps.map((a) => {
      const j = jobs && jobs.get(keyOf(a.ApplicationARN));
      return h('tr', { dataset: { application: a.ApplicationName } },
        h('td', {}, h('a', { href: `#/analytics/${encodeURIComponent(a.ApplicationName)}` }, a.ApplicationName)),
        h('td', { dataset: { field: 'status' } }, badge(a.ApplicationStatus)),
        h('td', {}, a.RuntimeEnvironment),
        h('td', { class: 'num' }, a.ApplicationVersionId),
        h('td', { dataset: { field: 'job' } }, (j && j.jobState) || '–'),
        h('td', { class: 'num', dataset: { metric: 'in' } }, j && j.jobState ? number(j.recordsIn) : '–'),
        h('td', { class: 'num', dataset: { metric: 'out' } }, j && j.jobState ? number(j.recordsOut) : '–'));
    }));
  }

  refresh();
  return () => { stopped = true; clearTimeout(timer); };
}

export function applicationView(main, name) {
  let stopped = false;
  let timer = null;
  const head = h('div', { class: 'page-head' },
    h('div', {}, h('a', { href: '#/analytics', class: 'crumb' }, 'Analytics'), h('h1', {}, name)));
  const facts = h('dl', { class: 'facts', id: 'application-facts' }, h('dt', {}, 'Loading…'));
  const summary = h('section', { class: 'card', id: 'application-summary' }, facts);
  const restore = h('select', { id: 'restore' }, h('option', { value: 'RESTORE_FROM_LATEST_SNAPSHOT' }, 'Latest snapshot'),
    h('option', { value: 'SKIP_RESTORE_FROM_SNAPSHOT' }, 'No snapshot'));
  const buttons = h('div', { class: 'actions' },
    h('label', {}, 'Start from ', restore),
    h('button', { class: 'btn primary', id: 'start-application', onclick: () => act(start) }, 'Start'),
    h('button', { class: 'btn', id: 'stop-application', onclick: () => act(() => stop(false)) }, 'Stop'),
    h('button', { class: 'btn', id: 'force-stop-application', onclick: () => act(() => stop(true)) }, 'Force stop'));
  const snapshots = h('tbody', {});
  const operations = h('tbody', {});
  main.replaceChildren(head, summary, h('section', { class: 'card' }, buttons),
    h('section', { class: 'card flush' }, h('div', { class: 'card-head' }, h('h2', {}, 'Snapshots')), h('table', { class: 'table', id: 'snapshots-table' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Status'), h('th', { class: 'num' }, 'Version'), h('th', {}, 'Created'))),
      snapshots)),
    h('section', { class: 'card flush' }, h('div', { class: 'card-head' }, h('h2', {}, 'Operations')), h('table', { class: 'table', id: 'operations-table' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Operation'), h('th', {}, 'Status'), h('th', {}, 'Started'), h('th', {}, 'Ended'))),
      operations)));

  async function act(action) {
    try {
      await action();
      refresh();
    } catch (e) {
      toast(e.message, true);
    }
  }

  async function start() {
    const choice = restore.value;
    const run = choice.startsWith('SNAPSHOT:')
      ? { ApplicationRestoreType: 'RESTORE_FROM_CUSTOM_SNAPSHOT', SnapshotName: choice.slice('SNAPSHOT:'.length) }
      : { ApplicationRestoreType: choice };
    const detail = (await analytics('DescribeApplication', { ApplicationName: name })).ApplicationDetail;
    const input = { ApplicationName: name };
    if (detail.RuntimeEnvironment !== 'SQL-1_0') input.RunConfiguration = { ApplicationRestoreConfiguration: run };
    await analytics('StartApplication', input);
    toast(`Starting ${name}`);
  }

  async function stop(force) {
    await analytics('StopApplication', force ? { ApplicationName: name, Force: true } : { ApplicationName: name });
    toast(`${force ? 'Force stopping' : 'Stopping'} ${name}`);
  }

  async function refresh() {
    clearTimeout(timer);
    try {
      const detail = (await analytics('DescribeApplication', { ApplicationName: name })).ApplicationDetail;
      const flink = detail.RuntimeEnvironment !== 'SQL-1_0';
      const [jobs, snaps, ops] = await Promise.all([jobsByKey(),
        flink ? analytics('ListApplicationSnapshots', { ApplicationName: name }).then((r) => r.SnapshotSummaries) : [],
        flink ? analytics('ListApplicationOperations', { ApplicationName: name }).then((r) => r.ApplicationOperationInfoList) : []]);
      if (stopped) return;
      render(detail, jobs && jobs.get(keyOf(detail.ApplicationARN)), snaps, ops);
    } catch (e) {
      if (stopped) return;
      facts.replaceChildren(h('dt', { class: 'error-text' }, `Could not describe ${name}: ${e.message}`));
    }
    if (!stopped) timer = setTimeout(refresh, REFRESH_MS);
  }

  function render(d, job, snaps, ops) {
    const row = (label, value, field) => [h('dt', {}, label), h('dd', { dataset: { field } }, value)];
    facts.replaceChildren(...[
      row('Status', badge(d.ApplicationStatus), 'status'),
      row('Runtime', d.RuntimeEnvironment, 'runtime'),
      row('Version', String(d.ApplicationVersionId), 'version'),
      row('Created', when(d.CreateTimestamp), 'created'),
      row('Job', job && job.jobState ? `${job.jobState} (${job.jobId})` : '–', 'job'),
      row('Records in / out', job && job.jobState ? `${number(job.recordsIn)} / ${number(job.recordsOut)}` : '–', 'records'),
      row('Last checkpoint', job && job.lastCheckpointMillis ? when(job.lastCheckpointMillis / 1000) : '–', 'checkpoint'),
      row('ARN', d.ApplicationARN, 'arn')].flat());
    const chosen = restore.value;
    restore.replaceChildren(h('option', { value: 'RESTORE_FROM_LATEST_SNAPSHOT' }, 'Latest snapshot'),
      h('option', { value: 'SKIP_RESTORE_FROM_SNAPSHOT' }, 'No snapshot'),
      ...snaps.filter((s) => s.SnapshotStatus === 'READY').map((s) => h('option', { value: `SNAPSHOT:${s.SnapshotName}` }, s.SnapshotName)));
    restore.value = [...restore.options].some((o) => o.value === chosen) ? chosen : 'RESTORE_FROM_LATEST_SNAPSHOT';
    snapshots.replaceChildren(...(snaps.length ? snaps.map((s) => h('tr', {}, h('td', {}, s.SnapshotName),
      h('td', {}, s.SnapshotStatus), h('td', { class: 'num' }, s.ApplicationVersionId), h('td', {}, when(s.SnapshotCreationTimestamp))))
      : [h('tr', {}, h('td', { colspan: 4, class: 'empty' }, 'No snapshots.'))]));
    operations.replaceChildren(...(ops.length ? ops.map((o) => h('tr', {}, h('td', {}, o.Operation),
      h('td', {}, o.OperationStatus), h('td', {}, when(o.StartTime)), h('td', {}, when(o.EndTime))))
      : [h('tr', {}, h('td', { colspan: 4, class: 'empty' }, 'No operations.'))]));
  }

  refresh();
  return { stop() { stopped = true; clearTimeout(timer); } };
}
