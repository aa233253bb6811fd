// Writes to the page that happen every animation frame while a scene plays:
// each one touches the DOM only when the value really changes, so a frame
// does not invalidate the layout of text that stays the same (a lane's
// badge, its status line, the race table).

/** Sets an element's text, reusing its text node; nothing when unchanged. */
export function setText(el, text) {
  const node = el.firstChild;
  if (node && node === el.lastChild && node.nodeType === Node.TEXT_NODE) {
    if (node.data !== text) node.data = text;
  } else if (el.textContent !== text) {
    el.textContent = text;
  }
}

/** Sets an attribute (or a property such as `className`) only when it changes. */
export function setProp(el, name, value) {
  if (el[name] !== value) el[name] = value;
}
