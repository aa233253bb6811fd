// Runs every tests/browser/*.test.mjs file. Usage: node tests/browser/run.mjs [name-filter]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runTests } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
let failed = 0;
for (const file of fs.readdirSync(here).filter((f) => f.endsWith('.test.mjs')).sort()) {
  const mod = await import(pathToFileURL(path.join(here, file)));
  const suite = file.replace('.test.mjs', '');
  failed += await runTests(suite, mod.tests, { ...(mod.options || {}), only });
}
if (failed) {
  console.log(`${failed} browser test(s) failed`);
  process.exit(1);
}
console.log('browser tests passed');
