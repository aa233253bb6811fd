// Play, pause, step, reset, speed, the history scrubber and the keyboard.
import { byId } from './shell.js';

export class Controls {
  constructor(ctx) {
    this.ctx = ctx;
    Object.assign(this, byId({ playBtn: 'play', timeline: 'timeline', speed: 'speed', speedOut: 'speed-out', iter: 'iter' }));
    this.playBtn.addEventListener('click', () => this.toggle());
    document.getElementById('step').addEventListener('click', () => this.step());
    document.getElementById('reset').addEventListener('click', () => this.reset());
    document.getElementById('live').addEventListener('click', () => { ctx.guard(() => ctx.app.setCursor(-1)); ctx.changed(false); });
    this.timeline.addEventListener('input', () => {
      this.pause();
      ctx.guard(() => ctx.app.setCursor(Number(this.timeline.value)));
      ctx.changed(false);
    });
    this.speed.max = String(Math.log10(ctx.catalog.limits.speed));
    this.speed.value = String(Math.log10(ctx.app.speed()));
    this.speed.addEventListener('input', () => {
      ctx.guard(() => ctx.app.setSpeed(Math.round(10 ** Number(this.speed.value))));
      this.showSpeed();
      ctx.syncUrl();
    });
    this.showSpeed();
    for (const id of ['show-critical', 'show-model']) {
      const box = document.getElementById(id);
      box.addEventListener('change', () => {
        ctx.guard(() => (id === 'show-model' ? ctx.app.setShowModel(box.checked) : ctx.app.setShowCritical(box.checked)));
        ctx.changed(false);
      });
    }
    document.addEventListener('keydown', (e) => this.key(e));
  }

  showSpeed() {
    const s = this.ctx.guard(() => this.ctx.app.speed(), 1);
    this.speedOut.textContent = `${s}/frame`;
  }

  key(e) {
    const t = e.target;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (t instanceof HTMLInputElement && (t.type === 'text' || t.type === 'number')) return;
    if (t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement) return;
    if (e.key === ' ') { e.preventDefault(); this.toggle(); }
    else if (e.key === 'n') this.step();
    else if (e.key === 'r') this.reset();
  }

  toggle() {
    if (this.ctx.playing) this.pause(); else this.play();
  }

  play() {
    if (this.ctx.broken) return;
    this.ctx.playing = true;
    this.playBtn.textContent = '❚❚ Pause';
    this.playBtn.setAttribute('aria-pressed', 'true');
  }

  pause() {
    this.ctx.playing = false;
    this.playBtn.textContent = '▶ Play';
    this.playBtn.setAttribute('aria-pressed', 'false');
  }

  step() {
    this.pause();
    this.ctx.guard(() => this.ctx.app.step(1));
    this.ctx.changed(false);
  }

  reset() {
    this.pause();
    this.ctx.guard(() => this.ctx.app.reset());
    this.ctx.changed();
  }

  update() {
    const max = this.ctx.guard(() => this.ctx.app.maxIter(), 0);
    this.timeline.max = String(max);
    if (document.activeElement !== this.timeline) this.timeline.value = String(max);
    this.iter.textContent = String(max);
  }
}
