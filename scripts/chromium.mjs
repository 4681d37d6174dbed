// Chromium for the portal's end-to-end tests, from Debian's packages only (a test tool's own browser
// download cannot work here). Installs it when absent and this user may; otherwise says what to do.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

export const CHROMIUM_PATH = process.env.LEASEHOLD_CHROMIUM ?? '/usr/bin/chromium';

/** Resolves when Chromium is at CHROMIUM_PATH; throws an Error that says how to get it otherwise. */
export function ensureChromium({ log = console.log } = {}) {
  if (fs.existsSync(CHROMIUM_PATH)) {
    log(`Chromium at ${CHROMIUM_PATH}`);
    return CHROMIUM_PATH;
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const apt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' });
  if (!isRoot || apt.status !== 0) {
    throw new Error(
      `Chromium is not installed (${CHROMIUM_PATH}) and this test run cannot install it ` +
        `(${isRoot ? 'no apt-get' : 'not root'}). Install Debian's package: sudo apt-get install -y chromium ` +
        '(or set LEASEHOLD_CHROMIUM to a Chromium binary).',
    );
  }
  log('Chromium is not installed: apt-get install -y chromium (Debian package)');
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
    const result = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) {
      throw new Error(`apt-get ${args.join(' ')} failed (exit ${result.status}): ${(result.stderr ?? '').trim().split('\n').slice(-3).join(' ')}`);
    }
  }
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`apt-get installed chromium, but ${CHROMIUM_PATH} is still missing.`);
  log(`installed Chromium at ${CHROMIUM_PATH}`);
  return CHROMIUM_PATH;
}
