// Play, pause, step, reset, speed, the history scrubber and the keyboard.
import { byId } from './shell.js';
import { setProp, setText } from './dom.js';

// With prefers-reduced-motion, nothing plays by itself and Play advances in
// jumps (once a second, as many steps as a second of animation) instead of
// animating.

/** Under reduced motion, Play jumps once per this many milliseconds. */
const JUMP_MS = 1000;

export class Controls {
  constructor(ctx) {
    this.ctx = ctx;
    this.motion = window.matchMedia('(prefers-reduced-motion: reduce)');
    this.lastJump = 0;
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
    this.fresh();
    this.speed.addEventListener('input', () => {
      ctx.guard(() => ctx.app.setSpeed(Math.round(10 ** Number(this.speed.value))));
      this.showSpeed();
      ctx.syncUrl();
    });
    for (const id of ['show-critical', 'show-model']) {
      const box = document.getElementById(id);
      box.addEventListener('change', () => {
        ctx.guard(() => (id === 'show-model' ? ctx.app.setShowModel(box.checked) : ctx.app.setShowCritical(box.checked)));
        ctx.changed(false);
      });
    }
    document.addEventListener('keydown', (e) => this.key(e));
  }

  /** After the scene changed: the speed slider shows the scene's. */
  fresh() {
    this.speed.value = String(Math.log10(this.ctx.guard(() => this.ctx.app.speed(), 10)));
    this.showSpeed();
  }

  showSpeed() {
    const s = this.ctx.guard(() => this.ctx.app.speed(), 1);
    this.speedOut.textContent = this.reducedMotion() ? `${s * 60}/s` : `${s}/frame`;
  }

  reducedMotion() {
    return this.motion.matches;
  }

  /** Steps to run in this animation frame while playing. */
  stepsThisFrame() {
    const speed = this.ctx.guard(() => this.ctx.app.speed(), 1);
    if (!this.reducedMotion()) return speed;
    const now = performance.now();
    if (now - this.lastJump < JUMP_MS) return 0;
    this.lastJump = now;
    return speed * Math.round((60 * JUMP_MS) / 1000);
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
    this.lastJump = -Infinity; // under reduced motion the first jump comes at once
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
    setProp(this.timeline, 'max', String(max));
    const at = this.ctx.guard(() => this.ctx.app.cursor(), -1);
    if (document.activeElement !== this.timeline) setProp(this.timeline, 'value', String(at >= 0 ? at : max));
    setText(this.iter, String(max));
  }
}
