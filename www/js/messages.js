// The notes protocol: a page that embeds the playground in an iframe drives
// it with postMessage. This file only checks that a message has exactly the
// documented shape (anything else is ignored, never evaluated) and calls the
// core; what a command means is the core's (App.seek, applyQuery, report…).
// The protocol is documented in README.md ("Scripting an embed from the notes").
//
//   host → scene  { saddle: 1, command: 'play' | 'pause' | 'reset' | 'get', id? }
//                 { saddle: 1, command: 'step', n?, id? }        n: 1 … 1 000 000 (default 1)
//                 { saddle: 1, command: 'seek', t, id? }         t: 0 … 1 000 000
//                 { saddle: 1, command: 'set', query, id? }      a link query or part of one
//   scene → host  { saddle: 1, event: 'ready', protocol, version, link, t }
//                 { saddle: 1, event: 'step', t, playing }
//                 { saddle: 1, event: 'status', lane, method, name, status, message, iter }
//                 { saddle: 1, event: 'resize', width, height }
//                 { saddle: 1, event: 'reply', to, id, ok, error? | link, t, cursor, lanes, playing | notices }

export const PROTOCOL = 1;
const MAX_STEPS = 1_000_000;
const MAX_QUERY = 200_000;
/** Steps done at once; more run a slice per frame, so the page never freezes. */
const AT_ONCE = 10_000;

const count = (min) => (v) => Number.isSafeInteger(v) && v >= min && v <= MAX_STEPS;
/** Each command's own fields: [name, check, required]. */
const COMMANDS = {
  play: [],
  pause: [],
  reset: [],
  get: [],
  step: [['n', count(1), false]],
  seek: [['t', count(0), true]],
  set: [['query', (v) => typeof v === 'string' && v.length <= MAX_QUERY, true]],
};
const validId = (v) => (typeof v === 'string' && v.length <= 64) || Number.isSafeInteger(v);

/**
 * The command in `data` if it has exactly the documented shape, else null:
 * a plain object with `saddle: 1`, a known `command`, an optional `id`, and
 * that command's fields with the right types and ranges, nothing more.
 */
export function parseCommand(data) {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return null;
  const proto = Object.getPrototypeOf(data);
  if (proto !== Object.prototype && proto !== null) return null;
  if (data.saddle !== PROTOCOL || typeof data.command !== 'string' || !Object.hasOwn(COMMANDS, data.command)) return null;
  const fields = COMMANDS[data.command];
  const allowed = new Set(['saddle', 'command', 'id', ...fields.map((f) => f[0])]);
  for (const k of Object.keys(data)) if (!allowed.has(k)) return null;
  if ('id' in data && !validId(data.id)) return null;
  const out = { command: data.command, id: 'id' in data ? data.id : null };
  for (const [name, ok, required] of fields) {
    if (!(name in data)) { if (required) return null; continue; }
    if (!ok(data[name])) return null;
    out[name] = data[name];
  }
  return out;
}

export class Messages {
  constructor(ctx, controls, embed) {
    this.ctx = ctx;
    this.controls = controls;
    this.embed = embed;
    this.parent = window.parent !== window ? window.parent : null;
    if (!this.parent) return;
    // origin= in the link: only that parent may drive the scene, and only it hears the events.
    this.origin = ctx.guard(() => ctx.app.scene().origin, null) || null;
    this.pending = []; // replies waiting for a run a slice per frame
    this.lastT = ctx.app.maxIter();
    this.sentAt = 0;
    this.timer = 0;
    window.addEventListener('message', (e) => this.receive(e));
    ctx.onStatus.push((c) => this.post('status', c));
    ctx.afterFrame.push(() => this.frame());
    embed.onResize = (size) => this.post('resize', size);
    this.post('ready', { protocol: PROTOCOL, version: document.getElementById('version').textContent, link: ctx.app.query(), t: ctx.app.maxIter() });
    embed.reportSize();
  }

  post(event, fields) {
    this.parent.postMessage({ saddle: PROTOCOL, event, ...fields }, this.origin || '*');
  }

  receive(e) {
    if (e.source !== this.parent) return;
    if (this.origin && e.origin !== this.origin) return;
    const cmd = parseCommand(e.data);
    if (!cmd || this.ctx.broken) return;
    const reply = (fields) => this.post('reply', { to: cmd.command, id: cmd.id, ok: true, ...fields });
    try {
      this.run(cmd, reply);
    } catch (err) {
      this.post('reply', { to: cmd.command, id: cmd.id, ok: false, error: String(err.message || err) });
    }
  }

  run(cmd, reply) {
    const { ctx, controls } = this;
    const app = ctx.app;
    switch (cmd.command) {
      case 'play': controls.play(); return reply({});
      case 'pause': controls.pause(); return reply({});
      case 'reset': controls.reset(); return reply({ t: 0 });
      case 'get': return reply({ ...ctx.guard(() => app.report(), {}), playing: ctx.playing });
      case 'step': {
        const n = cmd.n ?? 1;
        controls.pause();
        if (n <= AT_ONCE) {
          ctx.guard(() => app.step(n));
          ctx.changed(false);
          return reply({ t: app.maxIter() });
        }
        ctx.target = app.clock() + n;
        this.pending.push(() => reply({ t: app.maxIter() }));
        return undefined;
      }
      case 'seek': {
        controls.pause();
        const ahead = ctx.guard(() => app.seek(cmd.t), 0);
        ctx.changed(false);
        if (!ahead) return reply({ t: app.maxIter(), cursor: app.report().cursor });
        ctx.target = ahead;
        this.pending.push(() => reply({ t: app.maxIter(), cursor: null }));
        return undefined;
      }
      case 'set': {
        const notices = ctx.guard(() => app.applyQuery(cmd.query), []);
        ctx.refresh();
        // A scene opened afresh runs to the steps its query gives.
        const steps = ctx.guard(() => app.scene().steps, 0);
        if (steps > app.clock()) ctx.target = steps;
        return reply({ notices, link: app.query() });
      }
      default: return undefined;
    }
  }

  /** After each frame: finished runs answer, and the iteration is told (at most ten times a second). */
  frame() {
    if (this.pending.length && this.ctx.target === 0) {
      const done = this.pending;
      this.pending = [];
      for (const f of done) f();
    }
    const t = this.ctx.guard(() => this.ctx.app.maxIter(), this.lastT);
    if (t === this.lastT) return;
    const send = () => {
      this.timer = 0;
      this.sentAt = performance.now();
      this.lastT = this.ctx.app.maxIter();
      this.post('step', { t: this.lastT, playing: this.ctx.playing });
    };
    const wait = 100 - (performance.now() - this.sentAt);
    if (wait <= 0) send();
    else if (!this.timer) this.timer = setTimeout(send, wait);
  }
}
