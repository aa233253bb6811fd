import { assert } from './harness.mjs';

export const tests = [
  {
    name: 'the page loads the wasm core',
    fn: async ({ page, base, shot }) => {
      await page.goto(base);
      await page.waitForSelector('[data-ready="true"]');
      const version = await page.textContent('#version');
      assert(/^\d+\.\d+\.\d+$/.test(version.trim()), `version shown: ${version}`);
      await shot('loaded');
    },
  },
];
