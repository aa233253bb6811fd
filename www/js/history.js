// The page's history: a discrete edit (function, preset, a lane added,
// removed or given another method) pushes an entry, so Back undoes it and
// Forward redoes it; continuous edits (dragging, sliders, typing numbers)
// replace the current entry. The core says which is which (historyKey).
// Inside an iframe every edit replaces, so the notes page's Back button
// still leaves the notes page's own history alone.
export class History {
  constructor(ctx) {
    this.ctx = ctx;
    this.key = null;
    this.framed = window.parent !== window;
    // Edits the page makes without a word to the address bar (a lane
    // selected, a tab, the scrubber, steps played) reach it here, at most
    // twice a second, and every 2 s while a scene plays (each replaceState
    // costs the browser a few milliseconds of the frame).
    this.last = '';
    this.at = 0;
    ctx.afterFrame.push(() => this.follow());
    window.addEventListener('popstate', () => {
      this.key = null; // the reopened scene's key is taken as it is
      ctx.reopen(location.search.slice(1));
    });
  }

  follow() {
    const now = performance.now();
    if (now - this.at < (this.ctx.playing ? 2000 : 500)) return;
    this.at = now;
    const q = this.ctx.guard(() => this.ctx.app.query(), null);
    if (q !== null && q !== this.last) this.ctx.syncUrl();
  }

  /** Writes query `q` into the address bar, as a new entry when the edit was discrete. */
  record(q) {
    this.last = q;
    const key = this.ctx.guard(() => this.ctx.app.historyKey(), this.key);
    const url = `${location.pathname}?${q}`;
    const push = this.key !== null && key !== this.key && !this.framed;
    if (push) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
    this.key = key;
  }
}
