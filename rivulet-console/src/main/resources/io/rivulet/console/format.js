// Formatting helpers shared by the views.

export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

export function number(v) {
  if (!Number.isFinite(v)) return '–';
  if (Math.abs(v) >= 1e6) return `${(v / 1e6).toFixed(1)}M`;
  if (Math.abs(v) >= 1e4) return `${(v / 1e3).toFixed(1)}k`;
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

export function bytes(v) {
  if (!Number.isFinite(v)) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${i === 0 || v >= 100 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}

export const perSecond = (f) => (v) => `${f(v)}/s`;

export function millis(v) {
  if (!Number.isFinite(v)) return '–';
  if (v < 10) return `${Number.isInteger(v) ? v : v.toFixed(1)} ms`;
  if (v < 1000) return `${Math.round(v)} ms`;
  if (v < 120000) return `${(v / 1000).toFixed(1)} s`;
  if (v < 7200000) return `${Math.round(v / 60000)} min`;
  return `${(v / 3600000).toFixed(1)} h`;
}

export function timestamp(epochSeconds) {
  if (epochSeconds === undefined || epochSeconds === null) return '–';
  return new Date(epochSeconds * 1000).toLocaleString();
}

export function retention(hours) {
  if (!Number.isFinite(hours)) return '–';
  return hours % 24 === 0 ? `${hours / 24} d` : `${hours} h`;
}

export const MAX_HASH = (1n << 128n) - 1n;

/** Where a decimal hash key lies in the key space, 0..100. */
export function hashPercent(decimal) {
  return Number((BigInt(decimal) * 10000n) / MAX_HASH) / 100;
}

/** A 128-bit decimal hash key, shortened to its leading digits with the exponent. */
export function shortHash(decimal) {
  const s = String(decimal);
  return s.length <= 8 ? s : `${s.slice(0, 4)}…e${s.length - 1}`;
}

export function statusBadge(status) {
  const kind = { ACTIVE: 'ok', CREATING: 'busy', UPDATING: 'busy', DELETING: 'warn', OPEN: 'ok', CLOSED: 'muted' }[status] || 'muted';
  return h('span', { class: `badge badge-${kind}` }, status || '–');
}
