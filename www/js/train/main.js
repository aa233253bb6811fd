// The training page: a problem too big to draw (the handwritten digits of
// Figure 4.4, or generated points), several methods (and seeds) trained in a
// Web Worker, their curves, and a slice of the trained network's landscape.
// Its scene and link live in the core (TrainSetup, src/scene/train.rs), its
// results too (TrainBoard); this file wires the page to them and to the worker.
import init, { version, catalog, lastPanic, TrainSetup, TrainBoard } from '../../pkg-train/saddle.js';
import { $, guarded, showNotices, copyText, mountBars } from '../shell.js';
import { drawResults } from './results.js';
import { landscape } from './landscape.js';

mountBars();
await init();
$('version').textContent = version();
const cat = catalog();
const { methods, palette, limits } = cat;
const state = { broken: false };
const guard = guarded(state, lastPanic);
const setup = guard(() => new TrainSetup(location.search.slice(1)), null);
const board = new TrainBoard();
let scene = guard(() => setup.scene(), null);
showNotices($('notices'), guard(() => setup.notices(), []));

/** How long Stop waits for the worker to answer before it ends it (one long iteration of a big model). */
const STOP_GRACE_MS = 300;
let worker = null;
let stopTimer = null;
const training = () => document.body.dataset.training === 'running';

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

const post = (msg) => worker.postMessage({ digits: guard(() => setup.needsDigits(), false), ...msg });
const prepare = () => post({ cmd: 'prepare', query: scene.query, res: scene.res });
const land = landscape({ board, guard, setup, edit, scene: () => scene, post });

function redraw() {
  drawResults(board, guard, $('axis').value);
}

function setRunning(on) {
  $('start').disabled = on;
  $('stop').disabled = !on;
  document.body.dataset.training = on ? 'running' : 'idle';
}

function showPreset() {
  const p = scene.preset;
  $('caption').hidden = !p;
  $('caption-title').textContent = p ? p.title : '';
  $('caption-text').textContent = p ? p.caption : '';
}

/** The data's summary and, for the digits, a few training images drawn from the file's bytes (8×8 RGBA each). */
function showInfo(info) {
  $('summary').textContent = info.summary;
  const d = info.digits;
  $('digits').hidden = !d;
  if (!d) return;
  const flipped = d.examples.filter((x) => x.flipped).length;
  $('digits-note').textContent = `${d.train} training, ${d.valid} validation and ${d.test} test images. One training image of each digit`
    + (d.flipped ? `, and ${flipped} of the ${d.flipped} whose labels were flipped on purpose (marked: the label the network learns is wrong).` : '.');
  $('digit-list').replaceChildren(...d.examples.map((x) => {
    const fig = document.createElement('figure');
    fig.className = x.flipped ? 'digit flipped' : 'digit';
    const c = document.createElement('canvas');
    c.width = 8;
    c.height = 8;
    c.getContext('2d').putImageData(new ImageData(new Uint8ClampedArray(x.rgba), 8, 8), 0, 0);
    c.setAttribute('aria-label', x.flipped ? `a ${x.label}, labelled ${x.shown}` : `a ${x.label}`);
    const cap = document.createElement('figcaption');
    cap.textContent = x.flipped ? `${x.label}→${x.shown}` : String(x.label);
    fig.append(c, cap);
    return fig;
  }));
}

function onMessage(e) {
  const msg = e.data;
  if (msg.type === 'info') {
    if (msg.query === scene.query) { showInfo(msg.info); land.showCost(msg.cost); }
  } else if (msg.type === 'cost') {
    land.showCost(msg.cost);
  } else if (msg.type === 'started') {
    showInfo(msg.info);
    land.trained(true);
  } else if (msg.type === 'progress' || msg.type === 'done') {
    guard(() => board.update(msg.report));
    if (msg.type === 'done') {
      clearTimeout(stopTimer);
      setRunning(false);
      if (msg.cost) land.showCost(msg.cost);
    }
    redraw();
  } else if (msg.type === 'slice') {
    land.onReport(msg);
  } else if (msg.type === 'error') {
    if (msg.cmd === 'slice') land.onError(msg.message);
    else { $('setup-error').textContent = msg.message; if (msg.cmd === 'start') setRunning(false); }
  } else if (msg.type === 'panic') {
    $('banner-text').textContent = msg.message;
    $('banner').hidden = false;
    setRunning(false);
  }
}

function newWorker() {
  worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  worker.onmessage = onMessage;
  worker.onerror = (e) => { $('setup-error').textContent = e.message; setRunning(false); };
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
      if (edit(() => setup.setLane(k, box.value), box, error)) { box.value = scene.lanes[k]; showPreset(); land.sync(); }
    });
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = '×';
    remove.disabled = scene.lanes.length === 1;
    remove.setAttribute('aria-label', `remove method ${k + 1}`);
    remove.addEventListener('click', () => { guard(() => setup.removeLane(k)); syncUrl(); renderMethods(); showPreset(); land.sync(); });
    li.append(box, remove, error);
    return li;
  }));
  $('add-method').disabled = scene.lanes.length >= limits.lanes;
}

/** A scene field edited in a box. */
function field(id, key, after = () => {}) {
  const box = $(id);
  box.value = String(scene[key]);
  box.addEventListener('change', () => {
    if (edit(() => setup.set(key, box.value), box, $('setup-error'))) { box.value = String(scene[key]); after(); }
  });
}

const models = cat.data_models.filter((m) => !m.drawable).concat(cat.data_models.filter((m) => m.drawable));
$('data-pick').replaceChildren(...models.map((m) => new Option(m.name, m.id)));
$('data-pick').value = scene.model;
$('data-pick').addEventListener('change', () => {
  if (edit(() => setup.set('data', $('data-pick').value), $('data-pick'), $('setup-error'))) {
    $('train-data').value = scene.data;
    showPreset();
    prepare();
  }
});
field('train-data', 'data', () => { $('data-pick').value = scene.model; showPreset(); prepare(); });
field('epochs', 'epochs');
field('seed', 'seed');
field('seeds', 'seeds');
$('epochs').max = String(limits.epochs);
$('preset-pick').append(...cat.train_presets.map((p) => new Option(p.title, p.id)));
$('preset-pick').value = scene.preset ? scene.preset.id : '';
$('preset-pick').addEventListener('change', () => {
  const p = cat.train_presets.find((x) => x.id === $('preset-pick').value);
  if (p) location.search = `?${p.query}`;
});
$('add-method').addEventListener('click', () => { edit(() => setup.addLane(''), null, $('setup-error')); renderMethods(); showPreset(); land.sync(); });
$('axis').addEventListener('change', redraw);
$('copy-link').addEventListener('click', () => { syncUrl(); copyText(location.href, $('copy-link'), 'Copy link'); });
$('banner-reset').addEventListener('click', () => location.reload());

$('start').addEventListener('click', () => {
  $('setup-error').textContent = '';
  if (!worker) newWorker();
  guard(() => board.clear());
  land.trained(false);
  land.reset();
  setRunning(true);
  redraw();
  post({ cmd: 'start', query: scene.query, res: scene.res });
});
$('stop').addEventListener('click', () => {
  post({ cmd: 'stop' });
  clearTimeout(stopTimer);
  // A worker inside one long iteration cannot read the message: end it, and
  // keep what it last reported.
  stopTimer = setTimeout(() => {
    if (!training()) return;
    worker.terminate();
    guard(() => board.end());
    setRunning(false);
    land.trained(false);
    land.onError('Stop ended the worker in the middle of an iteration: its weights are gone, so train again to slice.');
    redraw();
    newWorker();
    prepare();
  }, STOP_GRACE_MS);
});

newWorker();
renderMethods();
land.sync();
showPreset();
syncUrl();
prepare();
redraw();
new ResizeObserver(redraw).observe($('loss-chart'));

window.saddleTrain = {
  setup,
  board,
  scene: () => scene,
  runs: () => board.runs(),
  csv: (lane = 0, seed = 0) => board.csv(lane, seed),
  slice: () => board.sliceInfo(),
  worker: () => worker,
};
document.body.dataset.ready = 'true';
