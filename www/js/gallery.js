// The gallery: the core's cards (the chapter's figures in the book's order,
// (a) and (b) side by side), each panel a link with a thumbnail the core
// draws from the panel's own scene. Thumbnails are drawn one at a time
// between frames while the gallery is open, and kept: opening it never
// blocks the page for long. Figure 4.4's thumbnail trains the training
// page's preset in that page's own Web Worker.
import { App, galleryCards } from '../pkg/saddle.js';

// The explorer's and the training page's parts of the core are their own
// pages' wasm packages: loaded once, when a thumbnail first needs them.
const packages = {};
function pkg(name) {
  packages[name] ??= import(`../${name}/saddle.js`).then(async (m) => { await m.default(); return m; });
  return packages[name];
}

/** Canvas size of a thumbnail in CSS pixels per its width: 3:2. */
const ASPECT = 2 / 3;
/** The narrowest a thumbnail is laid out at, in CSS pixels. */
const MIN_LAYOUT = 250;
/** The core draws thumbnails of at most 720×480 device pixels. */
const MAX_WIDTH = 720;

const pause = () => new Promise((resolve) => setTimeout(resolve, 0));

export class Gallery {
  constructor(list) {
    this.list = list;
    this.queue = [];
    this.open = false;
    this.busy = false;
    this.worker = null;
  }

  /** Fills the list once, then draws what is left to draw. */
  show() {
    this.open = true;
    if (!this.list.childElementCount) this.fill();
    this.drain();
  }

  hide() {
    this.open = false;
  }

  fill() {
    let cards = [];
    try { cards = galleryCards(); } catch (e) { this.list.textContent = `The gallery could not be listed: ${e.message || e}`; return; }
    for (const card of cards) {
      const box = document.createElement('article');
      box.className = 'card';
      box.dataset.card = card.id;
      const title = document.createElement('h3');
      title.textContent = card.title;
      const panels = document.createElement('div');
      panels.className = `panels n${card.panels.length}`;
      for (const p of card.panels) {
        const a = document.createElement('a');
        a.href = p.href;
        a.dataset.preset = p.preset;
        a.dataset.page = p.page;
        const canvas = document.createElement('canvas');
        canvas.className = 'thumb';
        canvas.dataset.state = 'waiting';
        canvas.setAttribute('role', 'img');
        canvas.setAttribute('aria-label', `Thumbnail of ${p.label || card.title}`);
        a.append(canvas);
        if (p.label) {
          const label = document.createElement('span');
          label.className = 'label';
          label.textContent = p.label;
          a.append(label);
        } else {
          a.setAttribute('aria-label', card.title);
        }
        panels.append(a);
        this.queue.push({ canvas, panel: p });
      }
      const caption = document.createElement('p');
      caption.textContent = card.caption;
      box.append(title, panels, caption);
      this.list.append(box);
    }
  }

  /** Draws the waiting thumbnails in order, a bounded call at a time, while open. */
  async drain() {
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.open && this.queue.length) {
        const job = this.queue.shift();
        await pause();
        await this.draw(job);
      }
    } finally {
      this.busy = false;
    }
  }

  /**
   * Sizes the canvas to its box at the screen's resolution; returns the
   * device pixels per CSS pixel to lay the picture out at: a thumbnail
   * narrower than MIN_LAYOUT is drawn as that wide, scaled down, so that
   * its axes keep room for the landscape.
   */
  size(canvas) {
    const dpr = Math.min(window.devicePixelRatio || 1, 2);
    const w = Math.max(120, canvas.clientWidth || 240);
    canvas.width = Math.min(Math.round(w * dpr), MAX_WIDTH);
    canvas.height = Math.round(canvas.width * ASPECT);
    return canvas.width / Math.max(w, MIN_LAYOUT);
  }

  async draw({ canvas, panel }) {
    try {
      const dpr = this.size(canvas);
      if (panel.thumb === 'training') return await this.train(canvas, panel, dpr);
      if (panel.thumb === 'graph') {
        const { Explorer } = await pkg('pkg-explorer');
        const ex = new Explorer(panel.query);
        try {
          ex.runToEnd();
          const [w, h] = ex.graphSize(0);
          const scale = Math.min(canvas.width / w, canvas.height / h);
          ex.drawGraph(canvas, scale);
        } finally { ex.free(); }
      } else {
        const app = new App(panel.query);
        try {
          // The link's steps, at most 10 000 a call as the page runs them.
          const steps = app.scene().steps;
          while (!app.advanceTo(steps, 10000)) await pause();
          app.thumbnail(canvas, panel.thumb, dpr);
        } finally { app.free(); }
      }
      canvas.dataset.state = 'drawn';
    } catch (e) {
      this.failed(canvas, e);
    }
  }

  failed(canvas, e) {
    canvas.dataset.state = 'error';
    canvas.title = `This thumbnail could not be drawn: ${e.message || e}`;
  }

  /** Trains the training page's preset in its worker; draws the validation error as it comes. */
  async train(canvas, panel, dpr) {
    canvas.dataset.state = 'training';
    const { TrainBoard } = await pkg('pkg-train');
    const board = new TrainBoard();
    let last = 0;
    const show = () => board.drawChart(canvas, 'error', 'epochs', dpr);
    const worker = new Worker(new URL('./train/worker.js', import.meta.url), { type: 'module' });
    this.worker = worker;
    worker.onmessage = (e) => {
      const msg = e.data;
      try {
        if (msg.type === 'progress' || msg.type === 'done') {
          board.update(msg.report);
          const now = performance.now();
          if (msg.type === 'done' || now - last > 500) { show(); last = now; }
          if (msg.type === 'done') {
            canvas.dataset.state = 'drawn';
            worker.terminate();
            board.free();
          }
        } else if (msg.type === 'error' || msg.type === 'panic') {
          this.failed(canvas, msg.message);
          worker.terminate();
        }
      } catch (err) {
        this.failed(canvas, err);
        worker.terminate();
      }
    };
    worker.onerror = (e) => this.failed(canvas, e.message || 'the training worker failed');
    worker.postMessage({ cmd: 'start', query: panel.query, res: 21, digits: true });
  }
}
