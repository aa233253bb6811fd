// ./build.sh dist writes a self-contained static site; here it is served
// under a sub-path, as a course site would host it, and a preset opens.
import path from 'node:path';
import fs from 'node:fs';
import { assert, ROOT } from './harness.mjs';

export const options = { prefix: '/course/saddle/', dir: path.join(ROOT, 'dist') };

export const tests = fs.existsSync(path.join(ROOT, 'dist', 'index.html'))
  ? [
      {
        name: 'the static site works under a sub-path',
        fn: async ({ page, base, shot }) => {
          assert(base.endsWith('/course/saddle/'), base);
          await page.goto(`${base}?preset=fig4.9&f=rosenbrock&start=0.4,-0.2&o=gd(ls=exact)&steps=40&speed=1`);
          await page.waitForSelector('[data-ready="true"]');
          await page.waitForFunction(() => window.saddle.ctx.target === 0);
          const text = await page.textContent('#lanes li:nth-child(1) .lane-values');
          assert(text.startsWith('t = 40 '), text);
          await shot('subpath');
        },
      },
    ]
  : [];
