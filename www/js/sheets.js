// Copy link, the embed snippet, the gallery of presets.
import { copyText } from './shell.js';

export class Sheets {
  constructor(ctx) {
    this.ctx = ctx;
    for (const d of document.querySelectorAll('dialog')) {
      d.querySelector('[data-close]').addEventListener('click', () => d.close());
      d.addEventListener('click', (e) => { if (e.target === d) d.close(); });
    }
    const copy = document.getElementById('copy-link');
    copy.addEventListener('click', async () => {
      ctx.syncUrl();
      await copyText(location.href, copy, 'Copy link');
    });
    document.getElementById('embed-open').addEventListener('click', () => {
      ctx.syncUrl();
      const code = document.getElementById('embed-code');
      code.value = this.embedCode();
      document.getElementById('embed').showModal();
      code.select();
    });
    const embedCopy = document.getElementById('embed-copy');
    embedCopy.addEventListener('click', () => copyText(document.getElementById('embed-code').value, embedCopy, 'Copy snippet'));
    const presets = ctx.catalog.presets || [];
    const open = document.getElementById('gallery-open');
    if (!presets.length) open.hidden = true;
    open.addEventListener('click', () => { this.fillGallery(presets); document.getElementById('gallery').showModal(); });
  }

  embedCode() {
    const q = this.ctx.guard(() => this.ctx.app.query(), '');
    const url = `${location.origin}${location.pathname}?${q}&embed=1`;
    return `<iframe src="${url.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}" width="640" height="760" style="border:0;max-width:100%" title="saddle: optimizer playground" loading="lazy"></iframe>`;
  }

  fillGallery(presets) {
    const list = document.getElementById('gallery-list');
    if (list.childElementCount) return;
    for (const p of presets) {
      const a = document.createElement('a');
      a.href = `?${p.query}`;
      a.dataset.preset = p.id;
      const t = document.createElement('strong');
      t.textContent = p.title;
      const c = document.createElement('span');
      c.textContent = p.caption;
      a.append(t, c);
      list.append(a);
    }
  }
}
