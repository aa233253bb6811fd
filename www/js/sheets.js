// Copy link, the embed snippet (sizes, a live preview), and the gallery's dialog (gallery.js).

/** The Embed dialog's sizes: [width, height] in CSS pixels; null width: the notes' full width. */
const SIZES = { '640x760': [640, 760], '900x520': [900, 520], '480x620': [480, 620], '320x480': [320, 480], fluid: [null, 760] };
import { copyText } from './shell.js';
import { Gallery } from './gallery.js';

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
      document.getElementById('embed').showModal();
      this.showEmbed();
      document.getElementById('embed-code').select();
    });
    for (const r of document.querySelectorAll('input[name="embed-size"]')) r.addEventListener('change', () => this.showEmbed());
    document.getElementById('embed').addEventListener('close', () => document.getElementById('embed-frame').replaceChildren());
    const embedCopy = document.getElementById('embed-copy');
    embedCopy.addEventListener('click', () => copyText(document.getElementById('embed-code').value, embedCopy, 'Copy snippet'));
    const gallery = new Gallery(document.getElementById('gallery-list'));
    const sheet = document.getElementById('gallery');
    document.getElementById('gallery-open').addEventListener('click', () => { sheet.showModal(); gallery.show(); });
    sheet.addEventListener('close', () => gallery.hide());
  }

  /** The size chosen in the Embed dialog. */
  embedSize() {
    const r = document.querySelector('input[name="embed-size"]:checked');
    return SIZES[r?.value] || SIZES['640x760'];
  }

  /** The embed's address: this scene in embed mode. */
  embedUrl() {
    const q = this.ctx.guard(() => this.ctx.app.fullQuery(), '');
    return `${location.origin}${location.pathname}?${q}${q ? '&' : ''}embed=1`;
  }

  embedCode() {
    const [w, h] = this.embedSize();
    const src = this.embedUrl().replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    const size = w ? `width="${w}" height="${h}" style="border:0;max-width:100%"` : `style="border:0;width:100%;height:${h}px"`;
    return `<iframe src="${src}" ${size} title="saddle: optimizer playground" loading="lazy"></iframe>`;
  }

  /** Fills the snippet and previews it at the chosen size, scaled to fit the dialog. */
  showEmbed() {
    document.getElementById('embed-code').value = this.embedCode();
    const box = document.getElementById('embed-frame');
    const [w0, h] = this.embedSize();
    const room = Math.max(200, box.parentElement.clientWidth);
    const w = w0 || room;
    const scale = Math.min(1, room / w, 420 / h);
    const frame = document.createElement('iframe');
    frame.src = this.embedUrl();
    frame.title = 'Preview of the embedded scene';
    frame.width = String(w);
    frame.height = String(h);
    frame.style.transform = `scale(${scale})`;
    box.style.width = `${Math.round(w * scale)}px`;
    box.style.height = `${Math.round(h * scale)}px`;
    box.replaceChildren(frame);
  }
}
