// Before the e2e run: a browser state in which the backend speed probe has already happened,
// with nothing measured, so 'auto' keeps its usual order and each test's fresh page does not
// spend ~10 s measuring backends. The probe itself is tested from an empty state (backend.spec.ts).

import { writeFileSync } from 'node:fs';
import { chromium, type FullConfig } from '@playwright/test';



export default async function globalSetup(config: FullConfig): Promise<void> {
  const { baseURL, launchOptions } = config.projects[0].use;
  if (!baseURL) throw new Error('globalSetup: no baseURL');
  const browser = await chromium.launch(launchOptions);
  const agent = await (await browser.newPage()).evaluate(() => navigator.userAgent);
  await browser.close();
  const probe = { version: 1, measuredAt: new Date().toISOString(), agent, batch: 128, hidden: [512, 256], results: [] };
  const origin = new URL(baseURL).origin;
  const state = { cookies: [], origins: [{ origin, localStorage: [{ name: 'vae-playground.backend-probe', value: JSON.stringify(probe) }] }] };
  writeFileSync(`/tmp/vae-playground-e2e-probed-state-${new URL(baseURL).port}.json`, JSON.stringify(state));
}
