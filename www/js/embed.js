// Embed mode (embed=1): the page fits its iframe (style.css, "Embed mode"),
// a small "open in saddle" link opens the full playground on the same
// scene, and the page works out the height it would like for its width,
// which the notes protocol sends to the host as the `resize` event.

/** The map's height for its width at its natural size (as outside embed mode). */
const MAP_ASPECT = 0.86;
/** The chart's natural height in CSS pixels. */
const CHART_HEIGHT = 200;

export class Embed {
  constructor(ctx) {
    this.ctx = ctx;
    this.link = document.getElementById('open-full');
    this.onResize = null;
    this.size = null;
    this.href = '';
    ctx.afterFrame.push(() => this.update());
    new ResizeObserver(() => this.reportSize()).observe(document.body);
    this.update();
  }

  get on() {
    return document.body.classList.contains('embed');
  }

  /** Keeps "open in saddle" on the scene as it is now. */
  update() {
    if (!this.on) return;
    const q = this.ctx.guard(() => this.ctx.app.fullQuery(), null);
    if (q === null) return;
    const href = `${location.pathname}?${q}`;
    if (href !== this.href) this.link.href = this.href = href;
  }

  /**
   * The size the page would like: its width, and the height at which map and
   * chart get their natural size for that width (the iframe's own height
   * does not enter, so a host that follows it never loops).
   */
  preferredSize() {
    const width = document.documentElement.clientWidth;
    const whole = document.documentElement.scrollHeight;
    if (!this.on) return { width, height: whole };
    const wrap = document.getElementById('canvas-wrap').getBoundingClientRect();
    const chart = document.getElementById('chart').getBoundingClientRect();
    const sideBySide = Math.abs(wrap.top - chart.top) < wrap.height / 2 && chart.left >= wrap.right - 1;
    const map = Math.round(wrap.width * MAP_ASPECT);
    const height = sideBySide ? whole - wrap.height + map : whole - wrap.height - chart.height + map + CHART_HEIGHT;
    return { width, height: Math.ceil(height) };
  }

  /** Tells the host when the preferred size changed. */
  reportSize() {
    if (!this.onResize) return;
    const s = this.preferredSize();
    if (this.size && this.size.width === s.width && Math.abs(this.size.height - s.height) < 2) return;
    this.size = s;
    this.onResize(s);
  }
}
