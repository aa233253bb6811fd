// Runs every tests/browser/*.test.mjs file.
// Usage: node tests/browser/run.mjs [suite | test-name-filter]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runTests } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const arg = process.argv[2];
const files = fs.readdirSync(here).filter((f) => f.endsWith('.test.mjs')).sort();
const suiteOnly = arg && files.includes(`${arg}.test.mjs`);
const only = suiteOnly ? undefined : arg;
let failed = 0;
for (const file of files.filter((f) => !suiteOnly || f === `${arg}.test.mjs`)) {
  const mod = await import(pathToFileURL(path.join(here, file)));
  const suite = file.replace('.test.mjs', '');
  failed += await runTests(suite, mod.tests, { ...(mod.options || {}), only });
}
if (failed) {
  console.log(`${failed} browser test(s) failed`);
  process.exit(1);
}
console.log('browser tests passed');
