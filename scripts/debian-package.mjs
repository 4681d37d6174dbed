// Tools the tests and benchmarks run (Chromium, wrk) come from Debian's packages only; a tool's own
// download cannot work here. Installs one when absent and this user may; otherwise says what to do.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * Resolves to `path` once it exists, installing Debian's `pkg` with apt-get when it does not; throws
 * an Error that says how to get it otherwise. `alternative` names another way, e.g. an environment
 * variable that points at the binary.
 */
export function ensureDebianPackage({ path, pkg, what, alternative = '', log = console.log }) {
  if (fs.existsSync(path)) {
    log(`${what} at ${path}`);
    return path;
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const apt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' });
  if (!isRoot || apt.status !== 0) {
    throw new Error(
      `${what} is not installed (${path}) and this run cannot install it (${isRoot ? 'no apt-get' : 'not root'}). ` +
        `Install Debian's package: sudo apt-get install -y ${pkg}${alternative ? ` (${alternative})` : ''}.`,
    );
  }
  log(`${what} is not installed: apt-get install -y ${pkg} (Debian package)`);
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', pkg]]) {
    const result = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) {
      throw new Error(`apt-get ${args.join(' ')} failed (exit ${result.status}): ${(result.stderr ?? '').trim().split('\n').slice(-3).join(' ')}`);
    }
  }
  if (!fs.existsSync(path)) throw new Error(`apt-get installed ${pkg}, but ${path} is still missing.`);
  log(`installed ${what} at ${path}`);
  return path;
}
