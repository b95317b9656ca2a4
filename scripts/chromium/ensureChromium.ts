// Before the e2e tests: find a Chromium, or provision one, saying at each step what it does.
// Order (README): CHROME_PATH or a system Chromium; else Playwright's own download; else, on
// Debian/Ubuntu as root, `apt-get install -y chromium`; else stop with what to run.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from './findChromium.ts';

const say = (line: string) => console.log(`chromium: ${line}`);

function run(command: string, args: string[]): boolean {
  say(`running \`${[command, ...args].join(' ')}\``);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return result.status === 0;
}

function report(): boolean {
  const found = findChromium();
  if (!found) return false;
  say(`using ${found.path} (${found.source === 'playwright' ? "Playwright's own Chromium" : found.source})`);
  return true;
}

function isRootOnApt(): boolean {
  return process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
}

const HELP = `No Chromium for the end-to-end tests, and none could be installed here.
Install one, then run \`npm test\` again: on Debian or Ubuntu \`sudo apt-get install -y chromium\`
(or \`chromium-browser\`); anywhere with internet access \`npx playwright install chromium\`; or
point CHROME_PATH at an installed Chromium or Chrome (\`CHROME_PATH=/path/to/chrome npm test\`).`;

function main(): number {
  if (process.env.CHROME_PATH && !existsSync(process.env.CHROME_PATH)) {
    say(`CHROME_PATH=${process.env.CHROME_PATH} does not exist; looking elsewhere`);
  }
  if (report()) return 0;
  say("no system Chromium; downloading Playwright's own (needs internet access)");
  if (run('npx', ['--no-install', 'playwright', 'install', 'chromium']) && report()) return 0;
  if (isRootOnApt()) {
    say("Playwright's download failed; installing Debian's chromium package with apt-get (a few minutes)");
    if (run('apt-get', ['update']) && run('apt-get', ['install', '-y', 'chromium']) && report()) return 0;
  } else {
    say("Playwright's download failed, and apt-get as root is not available here");
  }
  console.error(`\n${HELP}\n`);
  return 1;
}

process.exit(main());
