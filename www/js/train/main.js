// The training page: a problem too big to draw, several methods trained in a
// Web Worker, and their curves against epochs or wall-clock time. Its scene
// (data, methods, epochs, seed) and its link live in the core (TrainSetup,
// src/scene/train.rs); this file shows them and sends edits back.
import init, { drawTrainingChart, version, catalog, lastPanic, TrainSetup } from '../../pkg/saddle.js';
import { $, guarded, showNotices, fitCanvas, copyText, mountBars } from '../shell.js';

mountBars();
await init();
$('version').textContent = version();
const { methods, palette, limits } = catalog();
const state = { broken: false };
const guard = guarded(state, lastPanic);
const setup = guard(() => new TrainSetup(location.search.slice(1)), null);
let scene = guard(() => setup.scene(), null);
showNotices($('notices'), guard(() => setup.notices(), []));

let runs = [];
let worker = null;

function syncUrl() {
  scene = guard(() => setup.scene(), scene);
  history.replaceState(null, '', `${location.pathname}?${scene.query}`);
}

/** Sends one edit to the core; shows the core's error (or clamp notice) next to the field. */
function edit(change, box, errorBox) {
  try {
    const notices = guard(change, []) || [];
    box?.classList.remove('bad');
    errorBox.textContent = notices.join('; ');
    syncUrl();
    return true;
  } catch (e) {
    box?.classList.add('bad');
    errorBox.textContent = e.message;
    return false;
  }
}

function renderMethods() {
  $('methods').replaceChildren(...scene.lanes.map((text, k) => {
    const li = document.createElement('li');
    li.style.setProperty('--lane', palette[k % palette.length]);
    const box = document.createElement('input');
    box.type = 'text';
    box.value = text;
    box.spellcheck = false;
    box.setAttribute('aria-label', `method ${k + 1}`);
    box.title = `a method id and its settings, e.g. adam(lr=0.01,batch=32); ids: ${methods.map((m) => m.id).join(', ')}`;
    const error = document.createElement('div');
    error.className = 'param-error';
    box.addEventListener('change', () => {
      if (edit(() => setup.setLane(k, box.value), box, error)) box.value = scene.lanes[k];
    });
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = '×';
    remove.setAttribute('aria-label', `remove method ${k + 1}`);
    remove.addEventListener('click', () => { guard(() => setup.removeLane(k)); syncUrl(); renderMethods(); });
    li.append(box, remove, error);
    return li;
  }));
  $('add-method').disabled = scene.lanes.length >= limits.lanes;
}

/** A scene field (`data`, `epochs`, `seed`) edited in a box. */
function field(id, key) {
  const box = $(id);
  box.value = String(scene[key]);
  box.addEventListener('change', () => {
    if (edit(() => setup.set(key, box.value), box, $('setup-error'))) box.value = String(scene[key]);
  });
}
field('train-data', 'data');
field('epochs', 'epochs');
field('seed', 'seed');
$('epochs').max = String(limits.epochs);
$('add-method').addEventListener('click', () => { edit(() => setup.addLane(''), null, $('setup-error')); renderMethods(); });
$('axis').addEventListener('change', draw);
$('copy-link').addEventListener('click', () => { syncUrl(); copyText(location.href, $('copy-link'), 'Copy link'); });
$('banner-reset').addEventListener('click', () => location.reload());
renderMethods();
syncUrl();

function draw() {
  const histories = runs.filter((r) => r.history).map((r) => r.history);
  for (const [id, metric] of [['loss-chart', 'loss'], ['error-chart', 'error']]) {
    const c = $(id);
    const dpr = fitCanvas(c);
    try { drawTrainingChart(c, histories, metric, $('axis').value, dpr); } catch (e) { console.warn(e); }
  }
  const fmt = (v) => (v == null || !Number.isFinite(v) ? '—' : Math.abs(v) < 1e-3 ? v.toExponential(2) : (+v.toPrecision(4)).toString());
  $('table').tBodies[0].replaceChildren(...runs.map((r, k) => {
    const tr = document.createElement('tr');
    tr.style.setProperty('--lane', palette[k % palette.length]);
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
  runs = scene.lanes.map((lane) => ({ lane, running: true }));
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
  // The seed travels as text: exact for every seed up to 2⁶⁴ − 1.
  worker.postMessage({ cmd: 'start', data: scene.data, lanes: scene.lanes, epochs: scene.epochs, seed: scene.seed });
});
$('stop').addEventListener('click', () => worker?.postMessage({ cmd: 'stop' }));

window.saddleTrain = { setup, scene: () => scene, runs: () => runs };
document.body.dataset.ready = 'true';
