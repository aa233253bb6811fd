// What every page shares: element lookup, the guard around calls into the
// core (a panic inside shows the banner instead of vanishing), the notice
// box, canvas sizing and the copy button. Text always goes in as text.
export const $ = (id) => document.getElementById(id);

/**
 * A guard for calls into the core, over `state.broken`: `guard(fn, fallback)`
 * runs fn; a panic in the core (a WebAssembly RuntimeError) marks the page
 * broken, calls `onPanic` and shows the banner with the core's message.
 */
export function guarded(state, lastPanic, onPanic = () => {}) {
  return (fn, fallback) => {
    if (state.broken) return fallback;
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof WebAssembly.RuntimeError)) throw e;
      state.broken = true;
      onPanic();
      $('banner-text').textContent = lastPanic() || String(e.message || e);
      $('banner').hidden = false;
      return fallback;
    }
  };
}

/** Builds an element: `el('div', { id, class, role, hidden }, ...children)`; text stays text. */
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'hidden') e.hidden = v;
    else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
}

/**
 * Puts the banner (a panic in the core, with a button that starts over) and
 * the notice box (what a link could not use) under the page's header.
 */
export function mountBars(resetLabel = 'Reset') {
  const banner = el('div', { id: 'banner', class: 'banner', role: 'alert', hidden: true },
    el('strong', {}, 'Something broke inside the core:'), ' ', el('span', { id: 'banner-text' }), ' ',
    el('button', { id: 'banner-reset', type: 'button' }, resetLabel));
  const notices = el('div', { id: 'notices', class: 'notices', role: 'status', hidden: true });
  document.querySelector('header.bar').after(banner, notices);
}

/** Looks elements up by id: `byId({ canvas: 'data', keys: 'data-keys' })` → { canvas, keys }. */
export function byId(ids) {
  return Object.fromEntries(Object.entries(ids).map(([name, id]) => [name, $(id)]));
}

/** Lists the core's notices about a link in `box` (hidden when there are none). */
export function showNotices(box, notices) {
  if (!notices.length) { box.hidden = true; box.replaceChildren(); return; }
  const list = document.createElement('ul');
  for (const n of notices) {
    const li = document.createElement('li');
    li.textContent = n;
    list.append(li);
  }
  box.replaceChildren('Some of the link could not be used: ', list);
  box.hidden = false;
}

/** Sizes a canvas to its box in device pixels; returns the device pixel ratio. */
export function fitCanvas(canvas) {
  const dpr = window.devicePixelRatio || 1;
  const r = canvas.getBoundingClientRect();
  const w = Math.max(64, Math.round(r.width * dpr));
  const h = Math.max(64, Math.round(r.height * dpr));
  if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
  return dpr;
}

/** Copies `text`, saying so on the button for a moment. */
export async function copyText(text, button, label) {
  let ok = false;
  try {
    await navigator.clipboard.writeText(text);
    ok = true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    ok = document.execCommand('copy');
    area.remove();
  }
  button.textContent = ok ? 'Copied ✓' : 'Select and copy the address bar';
  button.dataset.copied = String(ok);
  setTimeout(() => { button.textContent = label; }, 1600);
}
