// The landscape card: the slice's settings (keys of the training link, kept
// by the core's TrainSetup), its cost before it starts, progress and Stop,
// and the picture the core draws (heat map, contours and paths, or the 3-D
// view), with the hover readout (a, b, C).
import { $, fitCanvas } from '../shell.js';

const fmt = (v) => (Number.isFinite(v) ? (Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(3) : (+v.toPrecision(5)).toString()) : '—');

export function landscape({ board, guard, setup, edit, scene, post }) {
  const view = { mode: 'map', drag: null };

  function draw() {
    const has = guard(() => board.sliceInfo(), null);
    $('slice-title').textContent = has ? has.title : '';
    $('slice-axes').textContent = has ? has.axes : '';
    $('slice-wrap').hidden = !has;
    if (!has) {
      for (const id of ['slice-heat', 'slice-main', 'slice-surface']) {
        const c = $(id);
        c.getContext('2d').clearRect(0, 0, c.width, c.height);
      }
      return;
    }
    if (view.mode === 'map') {
      const main = $('slice-main');
      const dpr = fitCanvas(main);
      guard(() => board.setLayout(main.width, main.height, dpr));
      guard(() => board.drawLandscape($('slice-heat'), main));
    } else {
      const c = $('slice-surface');
      const dpr = fitCanvas(c);
      guard(() => board.drawSurface(c, dpr));
    }
  }

  function showMode(mode) {
    view.mode = mode;
    $('slice-surface').hidden = mode !== '3d';
    for (const [id, m] of [['slice-map', 'map'], ['slice-3d', '3d']]) {
      $(id).classList.toggle('on', m === mode);
      $(id).setAttribute('aria-pressed', String(m === mode));
    }
    draw();
  }
  $('slice-map').addEventListener('click', () => showMode('map'));
  $('slice-3d').addEventListener('click', () => showMode('3d'));

  // The slice's keys, kept in the link by the core.
  for (const key of ['plane', 'around', 'center', 'res']) {
    const box = $(key);
    box.addEventListener('change', () => {
      if (edit(() => setup.set(key, box.value), box, $('slice-error'))) sync();
      if (key === 'res') post({ cmd: 'cost', res: scene().res });
    });
  }

  function sync() {
    const s = scene();
    $('center').replaceChildren(...s.lanes.map((text, k) => new Option(`method ${k + 1}: ${text}`, String(k + 1))));
    for (const key of ['plane', 'around', 'center', 'res']) $(key).value = String(s[key]);
  }

  function showCost(cost) {
    if (!cost) { $('slice-cost').textContent = ''; return; }
    const secs = cost.seconds < 1 ? 'under a second' : cost.seconds < 90 ? `about ${Math.round(cost.seconds)} s` : `about ${Math.round(cost.seconds / 60)} min`;
    $('slice-cost').textContent = `${cost.res}×${cost.res} = ${cost.evaluations.toLocaleString('en')} full loss evaluations `
      + `(${cost.sample_passes.toLocaleString('en')} per-sample forward passes): ${secs} here.`;
  }

  function setRunning(on) {
    $('slice-start').disabled = on || !view.trained;
    $('slice-stop').disabled = !on;
    document.body.dataset.slicing = on ? 'running' : 'idle';
  }

  function onReport(msg) {
    guard(() => board.setSlice(msg.report));
    const info = guard(() => board.sliceInfo(), null);
    if (info) {
      const total = info.res * info.res;
      $('slice-progress').value = info.done / total;
      const where = `${info.done} of ${total} points, ${fmt(info.seconds)} s`;
      $('slice-progress-text').textContent = msg.running ? where : msg.stopped ? `stopped at ${where}` : `done: ${where}`;
    }
    if (!msg.running) setRunning(false);
    draw();
  }

  $('slice-start').addEventListener('click', () => {
    $('slice-error').textContent = '';
    setRunning(true);
    post({ cmd: 'slice', query: scene().query });
  });
  $('slice-stop').addEventListener('click', () => post({ cmd: 'slice-stop' }));

  // Hover readout on the map; drag to rotate the 3-D view.
  $('slice-main').addEventListener('pointermove', (e) => {
    const c = $('slice-main');
    const r = c.getBoundingClientRect();
    const k = c.width / r.width;
    const out = guard(() => board.readout((e.clientX - r.left) * k, (e.clientY - r.top) * k), null);
    $('slice-readout').textContent = out
      ? `a = ${fmt(out.a)}, b = ${fmt(out.b)}, C ≈ ${fmt(out.loss)}${out.grid ? ` (nearest grid point (${fmt(out.grid[0])}, ${fmt(out.grid[1])}): C = ${fmt(out.grid[2])})` : ''}`
      : '';
  });
  $('slice-main').addEventListener('pointerleave', () => { $('slice-readout').textContent = ''; });
  const surface = $('slice-surface');
  surface.addEventListener('pointerdown', (e) => { view.drag = { x: e.clientX, y: e.clientY, r: guard(() => board.rotation(), [0.6, 0.35]) }; surface.setPointerCapture(e.pointerId); });
  surface.addEventListener('pointermove', (e) => {
    if (!view.drag || view.drag.r.length < 2) return;
    const [yaw, pitch] = view.drag.r;
    guard(() => board.setRotation(yaw + (e.clientX - view.drag.x) * 0.01, pitch + (e.clientY - view.drag.y) * 0.01));
    draw();
  });
  surface.addEventListener('pointerup', () => { view.drag = null; });
  new ResizeObserver(draw).observe($('slice-main'));

  return {
    sync,
    draw,
    showCost,
    onReport,
    onError(message) { $('slice-error').textContent = message; setRunning(false); },
    /** Training happened (or not): the slice needs trained weights in the worker. */
    trained(on) { view.trained = on; setRunning(false); },
    reset() { $('slice-progress').value = 0; $('slice-progress-text').textContent = ''; draw(); },
  };
}
