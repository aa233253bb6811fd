// Small DOM helpers. Text always goes in as text nodes, never as HTML.

/** An element with attributes (`class`, `data-*`, `title`, …) and children (strings become text). */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else e.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

/** A number cell's text, with every digit in the tooltip. */
export function numText(n) {
  return n ? n.text : '';
}

/**
 * Shows an error `{message, start, end}` in `box`: the typed text, a caret
 * under the span, and the message; marks `input` invalid.
 */
export function showError(box, input, err, src) {
  if (input) {
    input.classList.add('invalid');
    input.setAttribute('aria-invalid', 'true');
  }
  const chars = Array.from(src || '');
  const start = Math.min(err.start ?? 0, chars.length);
  const width = Math.max(1, Math.min(err.end ?? 0, chars.length + 1) - start);
  const parts = [];
  if (chars.length) {
    parts.push(el('div', { class: 'src' }, chars.length <= 120 ? src : `${chars.slice(0, 120).join('')}…`));
    parts.push(el('div', { class: 'caret' }, start <= 120 ? `${' '.repeat(start)}${'^'.repeat(Math.min(width, 120))}` : ''));
  }
  parts.push(el('div', { class: 'msg' }, err.message));
  box.replaceChildren(...parts);
  box.hidden = false;
}

/** Hides an error box and clears the invalid mark. */
export function clearError(box, input) {
  if (input) {
    input.classList.remove('invalid');
    input.removeAttribute('aria-invalid');
  }
  box.hidden = true;
  box.replaceChildren();
}
