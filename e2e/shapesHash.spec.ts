// The Shapes generator draws the same bytes in Chromium as in Node: the same source, bundled by
// the app's own bundler (Vite), runs in the page and its crc32 of the first evaluation images
// must equal the one Node computes (and src/data/shapes/dataset.test.ts pins).
// Until the worker generates Shapes, this bundles src/data/shapes itself rather than going
// through the app.

import { expect, test } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';
import { evalImagesHash } from '../src/data/shapes';

const entry = fileURLToPath(new URL('../src/data/shapes/hash.ts', import.meta.url));

async function bundle(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: false, lib: { entry, formats: ['iife'], name: 'ShapesHash', fileName: 'shapes-hash' } },
  });
  const outputs = (Array.isArray(out) ? out : [out]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('vite build gave no chunk');
  return chunk.code;
}

test('Shapes images hash the same in Chromium as in Node', async ({ page }) => {
  const code = await bundle();
  await page.setContent('<!doctype html><title>Shapes hash</title>');
  await page.addScriptTag({ content: code });
  const inPage = await page.evaluate(() => {
    const api = (window as unknown as { ShapesHash: { evalImagesHash(seed: number, count: number): number } }).ShapesHash;
    return [api.evalImagesHash(1, 64), api.evalImagesHash(2, 64), api.evalImagesHash(1, 2000)];
  });
  const inNode = [evalImagesHash(1, 64), evalImagesHash(2, 64), evalImagesHash(1, 2000)];
  expect(inPage).toEqual(inNode);
  expect(inPage[0].toString(16)).toBe('83c613ad');
});
