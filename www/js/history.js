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
    window.addEventListener('popstate', () => {
      this.key = null; // the reopened scene's key is taken as it is
      ctx.reopen(location.search.slice(1));
    });
  }

  /** Writes query `q` into the address bar, as a new entry when the edit was discrete. */
  record(q) {
    const key = this.ctx.guard(() => this.ctx.app.historyKey(), this.key);
    const url = `${location.pathname}?${q}`;
    const push = this.key !== null && key !== this.key && !this.framed;
    if (push) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
    this.key = key;
  }
}
