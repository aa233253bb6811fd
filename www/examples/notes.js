// The notes page's buttons drive the embedded scene through saddle's
// postMessage protocol (README: "Scripting an embed from your notes").
const frame = document.getElementById('scene');
const origin = new URL(frame.src, location.href).origin;
const answer = document.getElementById('answer');
const log = document.getElementById('log');
const waiting = new Map();
let next = 1;
// Every message the scene sent, for the curious (and for the tests).
window.notesLog = [];

/** Sends a command; resolves with the scene's reply. */
function send(command, fields = {}) {
  const id = next++;
  frame.contentWindow.postMessage({ saddle: 1, command, id, ...fields }, origin);
  return new Promise((resolve) => waiting.set(id, resolve));
}

const fmt = (v) => (Number.isFinite(v) ? String(+v.toPrecision(4)) : String(v));

window.addEventListener('message', (e) => {
  if (e.source !== frame.contentWindow || e.origin !== origin) return;
  const m = e.data;
  if (!m || m.saddle !== 1 || typeof m.event !== 'string') return;
  window.notesLog.push(m);
  const li = document.createElement('li');
  li.textContent = JSON.stringify(m).slice(0, 200);
  log.append(li);
  if (m.event === 'ready') for (const b of document.querySelectorAll('.drive button')) b.disabled = false;
  if (m.event === 'resize') frame.style.height = `${Math.max(480, Math.min(m.height, 820))}px`;
  if (m.event === 'status') answer.textContent = `Lane ${m.lane + 1} (${m.name}): ${m.message}`;
  if (m.event === 'reply' && waiting.has(m.id)) { waiting.get(m.id)(m); waiting.delete(m.id); }
});

const on = (id, fn) => document.getElementById(id).addEventListener('click', fn);
on('run10', () => send('step', { n: 10 }));
on('beta99', () => send('set', { query: 'o=momentum(lr=0.01,beta=0.99)' }));
on('adam', async () => {
  await send('set', { query: 'o=momentum(lr=0.01,beta=0.99)&o=adam(lr=0.05)' });
  await send('reset');
  await send('play');
});
on('play', () => send('play'));
on('pause', () => send('pause'));
on('back5', () => send('seek', { t: 5 }));
on('reset', () => send('reset'));
on('where', async () => {
  const r = await send('get');
  answer.textContent = `t = ${r.t}: ` + r.lanes.map((l) => `${l.text} at θ = (${l.theta.map(fmt).join(', ')}), C = ${fmt(l.loss)}, ${l.status}`).join('; ');
});
