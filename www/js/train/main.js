// The training page: a problem too big to draw, several methods trained in a
// Web Worker, and their curves against epochs or wall-clock time.
import init, { drawTrainingChart, version, catalog } from '../../pkg/saddle.js';

await init();
const $ = (id) => document.getElementById(id);
$('version').textContent = version();
// The core's lane colours (src/plot/palette.rs), so the table matches the chart.
const palette = ['#0072b2', '#d55e00', '#009e73', '#aa3377', '#000000', '#675127', '#104e43', '#4302d8'];
const DEFAULTS = { data: 'mlp(hidden=32)', lanes: ['gd(lr=0.3,batch=32)', 'momentum(lr=0.3,beta=0.9,batch=32)', 'adam(lr=0.01,batch=32)', 'lbfgs'], epochs: 40, seed: 1 };

// The state lives in the URL: data=…&o=…&o=…&epochs=…&seed=…
const params = new URLSearchParams(location.search);
const state = {
  data: params.get('data') || DEFAULTS.data,
  lanes: params.getAll('o').slice(0, 8),
  epochs: Math.min(1000, Math.max(1, Number(params.get('epochs')) || DEFAULTS.epochs)),
  seed: Math.max(0, Math.floor(Number(params.get('seed')) || DEFAULTS.seed)),
};
if (!state.lanes.length) state.lanes = [...DEFAULTS.lanes];

let runs = [];
let worker = null;
const methods = catalog().methods;

function syncUrl() {
  const q = new URLSearchParams();
  q.set('data', state.data);
  for (const l of state.lanes) q.append('o', l);
  q.set('epochs', String(state.epochs));
  q.set('seed', String(state.seed));
  history.replaceState(null, '', `${location.pathname}?${q.toString().replace(/%28/g, '(').replace(/%29/g, ')').replace(/%2C/g, ',').replace(/%3D/g, '=')}`);
}

function renderMethods() {
  const list = $('methods');
  list.replaceChildren(...state.lanes.map((text, k) => {
    const li = document.createElement('li');
    li.style.setProperty('--lane', palette[k]);
    const box = document.createElement('input');
    box.type = 'text';
    box.value = text;
    box.spellcheck = false;
    box.setAttribute('aria-label', `method ${k + 1}`);
    box.title = `a method id and its settings, e.g. adam(lr=0.01,batch=32); ids: ${methods.map((m) => m.id).join(', ')}`;
    box.addEventListener('change', () => { state.lanes[k] = box.value.trim(); syncUrl(); });
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = '×';
    remove.setAttribute('aria-label', `remove method ${k + 1}`);
    remove.addEventListener('click', () => { state.lanes.splice(k, 1); renderMethods(); syncUrl(); });
    li.append(box, remove);
    return li;
  }));
  $('add-method').disabled = state.lanes.length >= 8;
}

$('train-data').value = state.data;
$('train-data').addEventListener('change', () => { state.data = $('train-data').value.trim(); syncUrl(); });
$('epochs').value = String(state.epochs);
$('epochs').addEventListener('change', () => { state.epochs = Math.min(1000, Math.max(1, Number($('epochs').value) || 1)); $('epochs').value = String(state.epochs); syncUrl(); });
$('seed').value = String(state.seed);
$('seed').addEventListener('change', () => { state.seed = Math.max(0, Math.floor(Number($('seed').value) || 0)); syncUrl(); });
$('add-method').addEventListener('click', () => { state.lanes.push('adam(lr=0.01,batch=32)'); renderMethods(); syncUrl(); });
$('axis').addEventListener('change', draw);
$('copy-link').addEventListener('click', async () => {
  syncUrl();
  try { await navigator.clipboard.writeText(location.href); $('copy-link').textContent = 'Copied ✓'; } catch { $('copy-link').textContent = 'Copy the address bar'; }
  setTimeout(() => { $('copy-link').textContent = 'Copy link'; }, 1500);
});
$('banner-reset').addEventListener('click', () => location.reload());
renderMethods();
syncUrl();

function sizeCanvas(c) {
  const dpr = window.devicePixelRatio || 1;
  const r = c.getBoundingClientRect();
  c.width = Math.max(64, Math.round(r.width * dpr));
  c.height = Math.max(64, Math.round(r.height * dpr));
  return dpr;
}

function draw() {
  const histories = runs.filter((r) => r.history).map((r) => r.history);
  for (const [id, metric] of [['loss-chart', 'loss'], ['error-chart', 'error']]) {
    const c = $(id);
    const dpr = sizeCanvas(c);
    try { drawTrainingChart(c, histories, metric, $('axis').value, dpr); } catch (e) { console.warn(e); }
  }
  const fmt = (v) => (v == null || !Number.isFinite(v) ? '—' : Math.abs(v) < 1e-3 ? v.toExponential(2) : (+v.toPrecision(4)).toString());
  $('table').tBodies[0].replaceChildren(...runs.map((r, k) => {
    const tr = document.createElement('tr');
    tr.style.setProperty('--lane', palette[k]);
    const recs = r.history?.records ?? [];
    const last = recs[recs.length - 1];
    const best = recs.find((x) => x.epoch === r.history?.best_epoch);
    const cells = [
      '', r.lane, r.error ? `error: ${r.error}` : r.status ?? '',
      last ? String(last.epoch) : '', fmt(last?.train_loss), fmt(last?.val_error),
      best ? `epoch ${best.epoch}: ${fmt(best.val_error)}` : '',
      last && last.seconds > 0 ? fmt(last.epoch / last.seconds) : '',
    ];
    cells.forEach((text, i) => {
      const td = document.createElement('td');
      td.textContent = text;
      if (i === 0) td.className = 'swatch';
      tr.append(td);
    });
    tr.dataset.status = r.error ? 'error' : r.running ? 'running' : r.status ?? '';
    return tr;
  }));
}
new ResizeObserver(draw).observe($('loss-chart'));

function setRunning(on) {
  $('start').disabled = on;
  $('stop').disabled = !on;
  document.body.dataset.training = on ? 'running' : 'idle';
}

$('start').addEventListener('click', () => {
  $('setup-error').textContent = '';
  runs = state.lanes.map((lane) => ({ lane, running: true }));
  worker?.terminate();
  worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  worker.onmessage = (e) => {
    const msg = e.data;
    if (msg.type === 'panic') {
      $('banner-text').textContent = msg.message;
      $('banner').hidden = false;
      setRunning(false);
      return;
    }
    runs = msg.runs;
    $('summary').textContent = msg.summary;
    const p = runs.reduce((a, r) => a + r.progress, 0) / Math.max(1, runs.length);
    $('progress').value = p;
    $('progress-text').textContent = `${Math.round(100 * p)}%`;
    draw();
    if (msg.type === 'done') setRunning(false);
  };
  worker.onerror = (e) => { $('setup-error').textContent = e.message; setRunning(false); };
  setRunning(true);
  worker.postMessage({ cmd: 'start', data: state.data, lanes: state.lanes, epochs: state.epochs, seed: state.seed });
});
$('stop').addEventListener('click', () => worker?.postMessage({ cmd: 'stop' }));

window.saddleTrain = { state, runs: () => runs };
document.body.dataset.ready = 'true';
