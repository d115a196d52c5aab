// The consumers tab: registered enhanced fan-out consumers, with register and deregister.

import { kinesis, paginate } from './api.js';
import { h, timestamp, statusBadge } from './format.js';
import { toast, onSubmit } from './toast.js';

export function consumersPanel(panel, summary) {
  let stopped = false;
  const body = h('tbody', {}, h('tr', {}, h('td', { colspan: 4, class: 'muted' }, 'Loading…')));
  const name = h('input', { name: 'consumerName', required: true, pattern: '[a-zA-Z0-9_.\\-]{1,128}', placeholder: 'my-app', autocomplete: 'off' });
  const form = h('form', { class: 'inline-form' }, name, h('button', { class: 'btn primary', type: 'submit' }, 'Register consumer'));
  onSubmit(form, async () => {
    await kinesis('RegisterStreamConsumer', { StreamARN: summary().StreamARN, ConsumerName: name.value });
    form.reset();
    refresh();
  });
  panel.append(h('div', { class: 'card flush' },
    h('div', { class: 'card-head' }, h('h2', {}, 'Enhanced fan-out consumers'), form),
    h('table', { class: 'table', id: 'consumers-table' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Status'), h('th', {}, 'Registered'), h('th', {}, ''))),
      body)));

  async function refresh() {
    const s = summary();
    if (!s || stopped) return;
    try {
      const consumers = await paginate('ListStreamConsumers', { StreamARN: s.StreamARN }, 'Consumers');
      if (stopped) return;
      body.replaceChildren(...(consumers.length ? consumers.map((c) => h('tr', {},
        h('td', { title: c.ConsumerARN }, c.ConsumerName),
        h('td', {}, statusBadge(c.ConsumerStatus)),
        h('td', { class: 'muted' }, timestamp(c.ConsumerCreationTimestamp)),
        h('td', { class: 'num' }, h('button', { class: 'btn small', onclick: () => deregister(c) }, 'Deregister'))))
        : [h('tr', {}, h('td', { colspan: 4, class: 'empty' }, 'No consumers. Readers using SubscribeToShard register one here or with RegisterStreamConsumer.'))]));
    } catch (e) {
      toast(e.message, true);
    }
  }

  async function deregister(c) {
    try {
      await kinesis('DeregisterStreamConsumer', { ConsumerARN: c.ConsumerARN });
      refresh();
    } catch (e) {
      toast(e.message, true);
    }
  }

  return { refresh, stop: () => { stopped = true; } };
}
