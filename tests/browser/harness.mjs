// A small harness for the browser tests: a static server for www/ (optionally
// under a sub-path), Debian's Chromium driven by playwright-core, a fresh page
// per test, console errors turned into failures, screenshots in test-output/.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const OUT = path.join(ROOT, 'test-output');

/** The strict policy every page carries in a <meta> tag; the server sends it too. */
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; worker-src 'self'";

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json',
  '.png': 'image/png', '.svg': 'image/svg+xml',
};

/** Serves `dir` under `prefix` (e.g. "/" or "/course/saddle/") on a free port. */
export function serve(dir, prefix = '/') {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (!url.pathname.startsWith(prefix)) { res.writeHead(404); res.end('outside prefix'); return; }
    let rel = decodeURIComponent(url.pathname.slice(prefix.length));
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.join(dir, rel);
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404); res.end('not found'); return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': CSP,
    });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ server, base: `http://127.0.0.1:${server.address().port}${prefix}` });
  }));
}

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launch() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saddle-chromium-'));
  return chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 860 },
  });
}

export function assert(cond, message) {
  if (!cond) throw new Error(`assertion failed: ${message}`);
}

export function near(a, b, tol, what) {
  assert(Math.abs(a - b) <= tol, `${what}: ${a} is not within ${tol} of ${b}`);
}

/**
 * Runs `tests` ([{ name, fn }]) each on a fresh page. `fn` receives
 * { page, base, shot, errors }; console errors and page errors fail the test
 * unless the test empties `errors` itself.
 */
export async function runTests(suite, tests, { prefix = '/', dir = path.join(ROOT, 'www'), only } = {}) {
  fs.mkdirSync(OUT, { recursive: true });
  for (const f of fs.readdirSync(OUT)) if (f.startsWith(`${suite}-`)) fs.rmSync(path.join(OUT, f));
  const { server, base } = await serve(dir, prefix);
  const context = await launch();
  // Nothing may be fetched from outside the page's own origin.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(base.replace(/\/[^/]*\/?$/, '')) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    console.log(`  blocked external request: ${url}`);
    return route.abort();
  });
  let failed = 0;
  for (const t of tests) {
    if (only && !t.name.includes(only)) continue;
    const page = await context.newPage();
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    const shot = async (name) => page.screenshot({ path: path.join(OUT, `${suite}-${name}.png`), fullPage: true });
    const started = Date.now();
    try {
      await t.fn({ page, base, shot, errors });
      if (errors.length) throw new Error(`errors on the page:\n    ${errors.join('\n    ')}`);
      console.log(`  ok    ${suite}: ${t.name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed++;
      const text = String(e.stack || e).split('\n').map((l) => (l.length > 400 ? `${l.slice(0, 400)}…` : l));
      console.log(`  FAIL  ${suite}: ${t.name}\n    ${text.join('\n    ')}`);
      await shot(`FAILED-${t.name.replace(/[^a-z0-9]+/gi, '-')}`).catch(() => {});
    }
    await page.close();
  }
  await context.close();
  server.close();
  return failed;
}

/** How many colours a canvas holds (every `stride`-th pixel): more than a few means something is drawn. */
export async function canvasColours(page, id, stride = 5) {
  return page.evaluate(([id, stride]) => {
    const c = document.getElementById(id);
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const s = new Set();
    for (let i = 0; i < d.length; i += 4 * stride) s.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    return s.size;
  }, [id, stride]);
}
