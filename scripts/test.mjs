// The test command (`npm test`).
//
//   npm test                      type check, then every test file
//   npm test -- packages/core     only test files whose path contains "packages/core"
//   npm test -- --test-name-pattern=lease   extra --flags go to node's test runner
//                                 (use the --flag=value form)
//
// Steps: type check (tsc), start a throwaway PostgreSQL (scripts/postgres.mjs,
// exported to tests as LEASEHOLD_TEST_PG_URL), run the test files with node's
// test runner through tsx, stop PostgreSQL. The last line printed is always
// `N passed, N failed`; the exit code is non-zero on any failure, including
// when no test file or no test was found.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres } from './postgres.mjs';
import { ensureChromium } from './chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const header = (text) => console.log(`\n==> ${text}`);
const note = (text) => console.log(`    ${text}`);

/** Print the machine-readable last line and exit. */
function finish(passed, failed, code) {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(code);
}

// ---- arguments ------------------------------------------------------------
const runnerFlags = [];
const filters = [];
for (const arg of process.argv.slice(2)) {
  if (arg.startsWith('-')) runnerFlags.push(arg);
  else {
    const rel = path.isAbsolute(arg) ? path.relative(root, arg) : path.normalize(arg);
    filters.push(rel.split(path.sep).join('/').replace(/^\.\//, '').replace(/\/$/, ''));
  }
}

// ---- 1. type check --------------------------------------------------------
header('type check: npx tsc -p tsconfig.json --noEmit');
{
  const result = spawnSync('npx', ['--no', '--', 'tsc', '-p', 'tsconfig.json', '--noEmit'], { stdio: 'inherit' });
  if (result.status !== 0) {
    note(`type check failed (${result.error ? result.error.message : `exit code ${result.status}`})`);
    finish(0, 1, 1);
  }
  note('ok');
}
// The portal (React, DOM) has its own compiler settings: the root config leaves it out.
if (fs.existsSync('packages/portal/tsconfig.json')) {
  header('type check: npx tsc -p packages/portal/tsconfig.json --noEmit');
  const result = spawnSync('npx', ['--no', '--', 'tsc', '-p', 'packages/portal/tsconfig.json', '--noEmit'], { stdio: 'inherit' });
  if (result.status !== 0) {
    note(`portal type check failed (${result.error ? result.error.message : `exit code ${result.status}`})`);
    finish(0, 1, 1);
  }
  note('ok');
}

// ---- 2. find test files ---------------------------------------------------
function walk(dir, out) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile() && entry.name.endsWith('.test.ts')) out.push(full);
  }
}

header('test files');
const allFiles = [];
for (const pkg of fs.existsSync('packages') ? fs.readdirSync('packages').sort() : []) {
  for (const sub of ['src', 'test']) walk(path.join('packages', pkg, sub), allFiles);
}
const files = allFiles
  .map((file) => file.split(path.sep).join('/'))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();
if (files.length === 0) {
  note(
    filters.length
      ? `no test file matches ${filters.map((f) => JSON.stringify(f)).join(', ')} (of ${allFiles.length} found)`
      : 'no test files found (packages/*/src/**/*.test.ts, packages/*/test/**/*.test.ts)',
  );
  finish(0, 1, 1);
}
note(`${files.length} file(s)${filters.length ? ` matching ${filters.join(', ')}` : ''}`);

// ---- 2b. Chromium for the portal's browser tests ----------------------------
if (files.some((file) => file.startsWith('packages/portal/test/e2e/'))) {
  header('Chromium (Debian package) for packages/portal/test/e2e');
  try {
    ensureChromium({ log: note });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    note('no Chromium; not running tests');
    finish(0, 1, 1);
  }
}

// ---- 3. PostgreSQL --------------------------------------------------------
header('PostgreSQL');
let pg;
try {
  pg = await startPostgres({ log: note });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  note('could not start PostgreSQL; not running tests');
  finish(0, 1, 1);
}

// ---- 4. run tests ---------------------------------------------------------
header(`node --test (${files.length} file(s))`);
const tapFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'leasehold-test-')), 'report.tap');
const nodeArgs = [
  '--import',
  'tsx',
  '--test',
  '--test-concurrency=2',
  // A test file that spawns the CLI some forty times takes two minutes on a slow 2-core machine;
  // five leave room for that and still end a hang well inside CI's limit.
  '--test-timeout=300000',
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  '--test-reporter=tap',
  `--test-reporter-destination=${tapFile}`,
  ...runnerFlags,
  ...files,
];
let child = null;
process.on('exit', () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  fs.rmSync(path.dirname(tapFile), { recursive: true, force: true });
});
const exitCode = await new Promise((resolve) => {
  child = spawn(process.execPath, nodeArgs, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, LEASEHOLD_TEST_PG_URL: pg.url },
  });
  child.on('error', (error) => {
    console.error(`could not run the test runner: ${error.message}`);
    resolve(1);
  });
  child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 1) : 1)));
});

// ---- 5. stop PostgreSQL, summarise ----------------------------------------
header('stop PostgreSQL');
try {
  await pg.stop();
  note('stopped');
} catch (error) {
  console.error(`stopping PostgreSQL failed: ${error instanceof Error ? error.message : error}`);
}

// ---- 5b. portal component tests (vitest, in a DOM) ---------------------------
const vitest = { ran: false, pass: 0, fail: 0, code: 0 };
const portalSelected = filters.length === 0 || filters.some((filter) => 'packages/portal/src'.startsWith(filter) || filter.startsWith('packages/portal/src') && filter.endsWith('.tsx'));
if (fs.existsSync('packages/portal/vitest.config.ts') && portalSelected) {
  header('vitest: packages/portal component tests (*.test.tsx)');
  const report = path.join(path.dirname(tapFile), 'vitest.json');
  const only = filters.filter((filter) => filter.endsWith('.tsx')).map((filter) => path.relative('packages/portal', filter));
  const result = spawnSync('npx', ['--no', '--', 'vitest', 'run', '--config', 'vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...only], {
    cwd: 'packages/portal', stdio: 'inherit',
  });
  try {
    const summary = JSON.parse(fs.readFileSync(report, 'utf8'));
    vitest.pass = summary.numPassedTests;
    vitest.fail = summary.numFailedTests + (summary.numTotalTestSuites === 0 ? 1 : 0);
  } catch {
    vitest.fail = 1;
  }
  vitest.code = result.status === 0 && vitest.fail === 0 ? 0 : 1;
  vitest.ran = true;
  note(`vitest: pass ${vitest.pass}, fail ${vitest.fail}; exit code ${result.status}`);
}

header('summary');
let tap = '';
try {
  tap = fs.readFileSync(tapFile, 'utf8');
} catch {
  // handled below
}
const count = (name) => {
  const matches = [...tap.matchAll(new RegExp(`^# ${name} (\\d+)$`, 'gm'))];
  return matches.length ? Number(matches[matches.length - 1][1]) : null;
};
// A test file that defines no tests shows up as one passing test named after
// the file; those do not count as tests.
const absFiles = new Set(files.map((file) => path.resolve(root, file)));
const emptyFiles = [...tap.matchAll(/^ok \d+ - (.+)$/gm)].map((m) => m[1]).filter((name) => absFiles.has(name));
for (const file of emptyFiles) note(`no tests in ${path.relative(root, file)}`);
const rawTests = count('tests');
const tests = rawTests === null ? null : rawTests - emptyFiles.length;
const pass = Math.max(0, (count('pass') ?? 0) - emptyFiles.length);
let failed = (count('fail') ?? 0) + (count('cancelled') ?? 0);
let code = exitCode;
note(
  `tests ${tests ?? '?'}, pass ${pass}, fail ${count('fail') ?? '?'}, cancelled ${count('cancelled') ?? '?'}, ` +
    `skipped ${count('skipped') ?? '?'}, todo ${count('todo') ?? '?'}; runner exit code ${exitCode}`,
);
if (tests === null) {
  note('no test summary from the test runner');
  failed = Math.max(failed, 1);
  code = code || 1;
} else if (tests === 0) {
  note('zero tests ran: that is a failure');
  failed = Math.max(failed, 1);
  code = code || 1;
} else if (code !== 0 && failed === 0) {
  note(`test runner failed with exit code ${code}`);
  failed = 1;
} else if (code === 0 && failed > 0) {
  code = 1;
}
finish(pass + vitest.pass, failed + vitest.fail, code || vitest.code);
