// A stream's Configuration tab (retention, capacity mode and shard count, encryption, maximum
// record size) and Tags tab, each change made with the Kinesis operation AWS's console uses.

import { kinesis } from './api.js';
import { h, retention } from './format.js';
import { toast, onSubmit } from './toast.js';

const DEFAULT_KEY = 'alias/aws/kinesis';

/** One setting: a label, the current value, the inputs and a Save button running `save`. */
function setting({ id, title, help, inputs, save }) {
  const current = h('span', { class: 'setting-current', dataset: { current: id } }, '–');
  const submit = h('button', { class: 'btn primary', type: 'submit' }, 'Save');
  const form = h('form', { class: 'setting', id: `setting-${id}` },
    h('div', { class: 'setting-text' }, h('h3', {}, title), h('p', { class: 'muted small' }, help),
      h('p', { class: 'small' }, 'Now: ', current)),
    h('div', { class: 'setting-inputs' }, ...inputs, submit));
  onSubmit(form, async () => {
    const message = await save();
    if (message) toast(message);
  });
  return { form, current, submit };
}

/**
 * The Configuration tab. `summary()` is the stream's latest DescribeStreamSummary output;
 * `changed()` asks the page to read it again.
 */
export function settingsPanel(panel, summary, changed) {
  const arn = () => summary().StreamARN;
  const hours = h('input', { name: 'retentionHours', type: 'number', min: 24, max: 8760, required: true });
  const retentionSetting = setting({ id: 'retention', title: 'Data retention',
    help: 'How long records stay readable: 24 hours (the default) to 365 days.', inputs: [h('label', {}, 'Hours', hours)],
    async save() {
      const target = Number(hours.value);
      const now = summary().RetentionPeriodHours;
      if (target === now) return 'Retention unchanged';
      await kinesis(target > now ? 'IncreaseStreamRetentionPeriod' : 'DecreaseStreamRetentionPeriod',
        { StreamARN: arn(), RetentionPeriodHours: target });
      changed();
      return `Retention set to ${retention(target)}`;
    } });

  const mode = h('select', { name: 'mode' }, h('option', { value: 'PROVISIONED' }, 'Provisioned'),
    h('option', { value: 'ON_DEMAND' }, 'On-demand'));
  const shards = h('input', { name: 'shards', type: 'number', min: 1, required: true });
  mode.addEventListener('change', () => { shards.disabled = mode.value === 'ON_DEMAND'; });
  const capacitySetting = setting({ id: 'capacity', title: 'Capacity',
    help: 'Provisioned streams have the shards you ask for (resharded uniformly); on-demand streams scale themselves.',
    inputs: [h('label', {}, 'Mode', mode), h('label', { class: 'narrow' }, 'Open shards', shards)],
    async save() {
      const s = summary();
      if (mode.value !== s.StreamModeDetails.StreamMode) {
        await kinesis('UpdateStreamMode', { StreamARN: arn(), StreamModeDetails: { StreamMode: mode.value } });
        changed();
        return `Switching to ${mode.value === 'ON_DEMAND' ? 'on-demand' : 'provisioned'} mode`;
      }
      if (mode.value === 'PROVISIONED' && Number(shards.value) !== s.OpenShardCount) {
        await kinesis('UpdateShardCount', { StreamARN: arn(), TargetShardCount: Number(shards.value), ScalingType: 'UNIFORM_SCALING' });
        changed();
        return `Resharding to ${shards.value} shards`;
      }
      return 'Capacity unchanged';
    } });

  const encrypted = h('select', { name: 'encryption' }, h('option', { value: 'NONE' }, 'None'),
    h('option', { value: 'KMS' }, 'Server-side encryption (KMS)'));
  const keyId = h('input', { name: 'keyId', placeholder: DEFAULT_KEY, autocomplete: 'off' });
  encrypted.addEventListener('change', () => { keyId.disabled = encrypted.value === 'NONE'; });
  const encryptionSetting = setting({ id: 'encryption', title: 'Encryption',
    help: 'Records written from now on are encrypted at rest (AES-256-GCM under a key derived for the KMS key id).',
    inputs: [h('label', {}, 'Encryption', encrypted), h('label', {}, 'KMS key', keyId)],
    async save() {
      const s = summary();
      if (encrypted.value === 'KMS') {
        await kinesis('StartStreamEncryption', { StreamARN: arn(), EncryptionType: 'KMS', KeyId: keyId.value || DEFAULT_KEY });
        changed();
        return 'Encryption starting';
      }
      if (s.EncryptionType === 'KMS') {
        await kinesis('StopStreamEncryption', { StreamARN: arn(), EncryptionType: 'KMS', KeyId: s.KeyId });
        changed();
        return 'Encryption stopping';
      }
      return 'Encryption unchanged';
    } });

  const maxSize = h('input', { name: 'maxRecordSizeInKiB', type: 'number', min: 1024, max: 10240, required: true });
  const sizeSetting = setting({ id: 'max-record-size', title: 'Maximum record size',
    help: 'The largest record the stream accepts: 1,024 KiB (the default) to 10,240 KiB.',
    inputs: [h('label', {}, 'KiB', maxSize)],
    async save() {
      await kinesis('UpdateMaxRecordSize', { StreamARN: arn(), MaxRecordSizeInKiB: Number(maxSize.value) });
      changed();
      return `Maximum record size set to ${maxSize.value} KiB`;
    } });

  const all = [retentionSetting, capacitySetting, encryptionSetting, sizeSetting];
  panel.append(h('div', { class: 'card flush settings' }, all.map((s) => s.form)));
  let shown = null; // the summary the inputs show, so a refresh does not undo what the user types

  return {
    /** Shows the latest summary; inputs are reset only when the stream changed. */
    update(s) {
      const busy = s.StreamStatus !== 'ACTIVE';
      for (const x of all) x.submit.disabled = busy;
      retentionSetting.current.textContent = retention(s.RetentionPeriodHours);
      const onDemand = s.StreamModeDetails.StreamMode === 'ON_DEMAND';
      capacitySetting.current.textContent = `${onDemand ? 'On-demand' : 'Provisioned'}, ${s.OpenShardCount} open shard(s)`;
      encryptionSetting.current.textContent = s.EncryptionType === 'KMS' ? `KMS (${s.KeyId})` : 'None';
      sizeSetting.current.textContent = `${s.MaxRecordSizeInKiB || 1024} KiB`;
      const key = JSON.stringify([s.RetentionPeriodHours, s.StreamModeDetails, s.OpenShardCount, s.EncryptionType, s.KeyId, s.MaxRecordSizeInKiB]);
      if (key === shown) return;
      shown = key;
      hours.value = s.RetentionPeriodHours;
      mode.value = s.StreamModeDetails.StreamMode;
      shards.value = s.OpenShardCount;
      shards.disabled = onDemand;
      encrypted.value = s.EncryptionType === 'KMS' ? 'KMS' : 'NONE';
      keyId.value = s.EncryptionType === 'KMS' ? s.KeyId : '';
      keyId.disabled = s.EncryptionType !== 'KMS';
      maxSize.value = s.MaxRecordSizeInKiB || 1024;
    },
  };
}

/** The Tags tab: the stream's tags, with add (or overwrite) and remove. */
export function tagsPanel(panel, summary) {
  let stopped = false;
  const body = h('tbody', {}, h('tr', {}, h('td', { colspan: 3, class: 'muted' }, 'Loading…')));
  const key = h('input', { name: 'tagKey', required: true, maxlength: 128, placeholder: 'team', autocomplete: 'off' });
  const value = h('input', { name: 'tagValue', maxlength: 256, placeholder: 'payments', autocomplete: 'off' });
  const form = h('form', { class: 'inline-form', id: 'add-tag' }, key, value,
    h('button', { class: 'btn primary', type: 'submit' }, 'Add tag'));
  onSubmit(form, async () => {
    await kinesis('AddTagsToStream', { StreamARN: summary().StreamARN, Tags: { [key.value]: value.value } });
    form.reset();
    refresh();
  });
  panel.append(h('div', { class: 'card flush' },
    h('div', { class: 'card-head' }, h('h2', {}, 'Tags'), form),
    h('table', { class: 'table', id: 'tags-table' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Key'), h('th', {}, 'Value'), h('th', {}, ''))), body)));

  async function listTags(arn) {
    const tags = [];
    for (;;) {
      const input = { StreamARN: arn, Limit: 50 };
      if (tags.length) input.ExclusiveStartTagKey = tags[tags.length - 1].Key;
      const page = await kinesis('ListTagsForStream', input);
      tags.push(...page.Tags);
      if (!page.HasMoreTags || page.Tags.length === 0) return tags;
    }
  }

  async function refresh() {
    const s = summary();
    if (!s || stopped) return;
    try {
      const tags = await listTags(s.StreamARN);
      if (stopped) return;
      body.replaceChildren(...(tags.length ? tags.map((t) => h('tr', { dataset: { tag: t.Key } },
        h('td', {}, h('code', {}, t.Key)), h('td', {}, t.Value || h('span', { class: 'muted' }, '(empty)')),
        h('td', { class: 'num' }, h('button', { class: 'btn small', onclick: () => untag(t.Key) }, 'Remove'))))
        : [h('tr', {}, h('td', { colspan: 3, class: 'empty' }, 'No tags. Tags label streams for cost allocation and access control.'))]));
    } catch (e) {
      toast(e.message, true);
    }
  }

  async function untag(tagKey) {
    try {
      await kinesis('RemoveTagsFromStream', { StreamARN: summary().StreamARN, TagKeys: [tagKey] });
      refresh();
    } catch (e) {
      toast(e.message, true);
    }
  }

  return { refresh, stop: () => { stopped = true; } };
}
