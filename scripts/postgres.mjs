// Throwaway PostgreSQL 15 cluster for the test suite.
//
// startPostgres() creates a fresh cluster in a temporary directory, starts it
// on a free TCP port bound to 127.0.0.1 only, waits until it accepts
// connections and returns { url, stop }. It never touches a system cluster.
//
// If LEASEHOLD_TEST_PG_URL is already set, that server is used instead and
// stop() does nothing.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const PG_VERSION = '15';
const PG_BIN = `/usr/lib/postgresql/${PG_VERSION}/bin`;
const PG_PACKAGE = `postgresql-${PG_VERSION}`;
const REQUIRED_BINARIES = ['initdb', 'pg_ctl', 'postgres'];
const START_TIMEOUT_MS = 30_000;
const PG_USER = 'postgres'; // system user that owns the cluster when we are root
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

const bin = (name) => path.join(PG_BIN, name);

function defaultLog(message) {
  process.stderr.write(`[postgres] ${message}\n`);
}

/** Quote one argument for /bin/sh. */
function shQuote(arg) {
  return `'${String(arg).replace(/'/g, `'\\''`)}'`;
}

function commandExists(name) {
  return spawnSync('sh', ['-c', `command -v ${shQuote(name)}`], { stdio: 'ignore' }).status === 0;
}

function describe(result) {
  if (result.error) return result.error.message;
  if (result.signal) return `killed by ${result.signal}`;
  return `exit code ${result.status}`;
}

/**
 * Build [command, args] that runs `command args` as the PostgreSQL system
 * user when we are root (PostgreSQL refuses to run as root), or as ourselves.
 */
function asPgUser(command, args) {
  if (!isRoot) return [command, args];
  if (commandExists('runuser')) return ['runuser', ['-u', PG_USER, '--', command, ...args]];
  return ['su', [PG_USER, '-s', '/bin/sh', '-c', [command, ...args].map(shQuote).join(' ')]];
}

/** Run synchronously (as the PostgreSQL user when root); throws on failure. */
function runPg(command, args, { cwd, what, logFile } = {}) {
  const [cmd, argv] = asPgUser(command, args);
  const result = spawnSync(cmd, argv, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
    const tail = logFile ? logTail(logFile) : '';
    throw new Error(
      `PostgreSQL test server: ${what ?? command} failed (${describe(result)})` +
        (output ? `\n${output}` : '') +
        (tail ? `\n--- server log (tail) ---\n${tail}` : ''),
    );
  }
  return result;
}

function logTail(logFile, lines = 40) {
  try {
    return fs.readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function missingBinaries() {
  return REQUIRED_BINARIES.filter((name) => {
    try {
      fs.accessSync(bin(name), fs.constants.X_OK);
      return false;
    } catch {
      return true;
    }
  });
}

/** Make sure the PostgreSQL 15 server binaries exist, installing Debian's package if needed. */
function ensureBinaries(log) {
  let missing = missingBinaries();
  if (missing.length === 0) return;

  log(`PostgreSQL ${PG_VERSION} server binaries not found (${missing.map(bin).join(', ')}); installing ${PG_PACKAGE} with apt-get`);
  if (!commandExists('apt-get')) {
    throw new Error(
      `PostgreSQL test server: ${PG_BIN} is missing and apt-get is not available to install ${PG_PACKAGE}. ` +
        `Install PostgreSQL ${PG_VERSION} server binaries, or set LEASEHOLD_TEST_PG_URL to an existing server.`,
    );
  }
  let prefix = [];
  if (!isRoot) {
    if (!commandExists('sudo')) {
      throw new Error(
        `PostgreSQL test server: ${PG_BIN} is missing and installing ${PG_PACKAGE} needs root (not root, no sudo). ` +
          `Run: apt-get update && apt-get install -y ${PG_PACKAGE}, or set LEASEHOLD_TEST_PG_URL.`,
      );
    }
    prefix = ['sudo', '-n', '--preserve-env=DEBIAN_FRONTEND'];
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const steps = [
    ['apt-get', 'update'],
    ['apt-get', 'install', '-y', '--no-install-recommends', PG_PACKAGE],
  ];
  for (const step of steps) {
    const argv = [...prefix, ...step];
    log(`$ DEBIAN_FRONTEND=noninteractive ${argv.join(' ')}`);
    // apt's output goes to stderr so it never mixes with test output parsing.
    const result = spawnSync(argv[0], argv.slice(1), { env, stdio: ['ignore', 2, 2] });
    if (result.status !== 0) {
      throw new Error(
        `PostgreSQL test server: \`${argv.join(' ')}\` failed (${describe(result)}); ` +
          `cannot install ${PG_PACKAGE}. Install it by hand or set LEASEHOLD_TEST_PG_URL to an existing server.`,
      );
    }
  }
  missing = missingBinaries();
  if (missing.length > 0) {
    throw new Error(
      `PostgreSQL test server: ${PG_PACKAGE} was installed but ${missing.map(bin).join(', ')} still missing.`,
    );
  }
}

/** Root only: make sure the `postgres` system user exists; return its uid/gid. */
function ensurePgUser(log) {
  const lookup = () => {
    const uid = spawnSync('id', ['-u', PG_USER], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', PG_USER], { encoding: 'utf8' });
    if (uid.status !== 0 || gid.status !== 0) return null;
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  let ids = lookup();
  if (ids) return ids;
  log(`system user "${PG_USER}" does not exist; creating it`);
  const result = spawnSync(
    'useradd',
    ['--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', PG_USER],
    { encoding: 'utf8' },
  );
  ids = lookup();
  if (!ids) {
    throw new Error(
      `PostgreSQL test server: running as root and could not create the "${PG_USER}" system user ` +
        `(useradd: ${describe(result)} ${(result.stderr ?? '').trim()}). PostgreSQL refuses to run as root.`,
    );
  }
  return ids;
}

/** A temp dir the server process can own and use. */
function makeTempDir(pgIds) {
  const candidates = [os.tmpdir()];
  if (pgIds && os.tmpdir() !== '/tmp') candidates.push('/tmp'); // e.g. TMPDIR under /root
  let lastError;
  for (const base of candidates) {
    const dir = fs.mkdtempSync(path.join(base, 'leasehold-pg-'));
    if (!pgIds) return dir;
    try {
      fs.chownSync(dir, pgIds.uid, pgIds.gid);
      const [cmd, argv] = asPgUser('test', ['-w', dir, '-a', '-x', dir]);
      if (spawnSync(cmd, argv, { stdio: 'ignore' }).status === 0) return dir;
      lastError = new Error(`user "${PG_USER}" cannot use ${dir} (a parent directory is not accessible to it)`);
    } catch (error) {
      lastError = error;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
  throw new Error(`PostgreSQL test server: no usable temp directory: ${lastError?.message}`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function tcpConnects(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntilReady(port, logFile) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  const pgIsReady = bin('pg_isready');
  const hasPgIsReady = fs.existsSync(pgIsReady);
  let lastProblem = 'not attempted';
  while (Date.now() < deadline) {
    if (await tcpConnects(port)) {
      if (!hasPgIsReady) return;
      const result = spawnSync(pgIsReady, ['-q', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-t', '2'], {
        stdio: 'ignore',
      });
      if (result.status === 0) return;
      lastProblem = `pg_isready: ${describe(result)}`;
    } else {
      lastProblem = `nothing accepts TCP connections on 127.0.0.1:${port}`;
    }
    await sleep(200);
  }
  throw new Error(
    `PostgreSQL test server did not accept connections within ${START_TIMEOUT_MS / 1000} s (${lastProblem}).\n` +
      `--- server log (tail) ---\n${logTail(logFile)}`,
  );
}

/**
 * Start a throwaway PostgreSQL 15 server.
 * @param {{ log?: (message: string) => void }} [options]
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export async function startPostgres({ log = defaultLog } = {}) {
  if (process.env.LEASEHOLD_TEST_PG_URL) {
    log(`using existing server from LEASEHOLD_TEST_PG_URL`);
    return { url: process.env.LEASEHOLD_TEST_PG_URL, stop: async () => {} };
  }

  ensureBinaries(log);
  const pgIds = isRoot ? ensurePgUser(log) : null;
  const tmp = makeTempDir(pgIds);
  const dataDir = path.join(tmp, 'data');
  const logFile = path.join(tmp, 'server.log');
  let stopped = false;
  let watchdog = null;

  // Synchronous so it also works from process 'exit' handlers.
  const stopSync = () => {
    if (stopped) return;
    stopped = true;
    if (fs.existsSync(path.join(dataDir, 'postmaster.pid'))) {
      const [cmd, argv] = asPgUser(bin('pg_ctl'), ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '30']);
      const result = spawnSync(cmd, argv, { cwd: tmp, stdio: 'ignore' });
      if (result.status !== 0) {
        const [cmd2, argv2] = asPgUser(bin('pg_ctl'), ['stop', '-D', dataDir, '-m', 'immediate', '-w', '-t', '10']);
        spawnSync(cmd2, argv2, { cwd: tmp, stdio: 'ignore' });
      }
    }
    if (watchdog) {
      try {
        process.kill(watchdog.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    fs.rmSync(tmp, { recursive: true, force: true });
    process.off('exit', stopSync);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
  };
  const onSignal = (signal) => {
    stopSync();
    process.exit(128 + (os.constants.signals[signal] ?? 1));
  };
  process.on('exit', stopSync);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);

  try {
    log(`initdb in ${dataDir}`);
    runPg(
      bin('initdb'),
      ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-instructions'],
      { cwd: tmp, what: 'initdb' },
    );

    // Unix socket paths are limited to ~107 bytes; fall back to TCP only.
    const socketDir = Buffer.byteLength(path.join(tmp, '.s.PGSQL.65535')) < 100 ? tmp : '';
    const settings = {
      listen_addresses: '127.0.0.1',
      unix_socket_directories: socketDir,
      // Durability stays at PostgreSQL defaults: tests depend on it.
      fsync: 'on',
      synchronous_commit: 'on',
      full_page_writes: 'on',
      // Test-only tuning that does not affect durability.
      max_connections: '200',
      shared_buffers: '32MB',
      logging_collector: 'off',
      lc_messages: 'C',
      TimeZone: 'UTC',
    };

    let port;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      const conf = Object.entries({ ...settings, port: String(port) })
        .map(([key, value]) => `${key} = '${value}'`)
        .join('\n');
      fs.writeFileSync(path.join(dataDir, 'postgresql.auto.conf'), `# written by scripts/postgres.mjs\n${conf}\n`);
      if (pgIds) fs.chownSync(path.join(dataDir, 'postgresql.auto.conf'), pgIds.uid, pgIds.gid);

      log(`starting server on 127.0.0.1:${port}`);
      try {
        runPg(bin('pg_ctl'), ['start', '-D', dataDir, '-l', logFile, '-w', '-t', String(START_TIMEOUT_MS / 1000)], {
          cwd: tmp,
          what: 'pg_ctl start',
          logFile,
        });
        break;
      } catch (error) {
        // Someone may have taken the port between probing and binding; retry.
        if (attempt < 3 && /could not (bind|create listen socket)/i.test(logTail(logFile))) {
          log(`port ${port} was taken, retrying`);
          continue;
        }
        throw error;
      }
    }
    await waitUntilReady(port, logFile);

    // Stop the server even if this process is killed with SIGKILL.
    const pgCtl = asPgUser(bin('pg_ctl'), ['stop', '-D', dataDir, '-m', 'immediate']);
    const script =
      `while kill -0 ${process.pid} 2>/dev/null; do sleep 2; done; ` +
      `${[pgCtl[0], ...pgCtl[1]].map(shQuote).join(' ')} >/dev/null 2>&1; rm -rf ${shQuote(tmp)}`;
    watchdog = spawn('sh', ['-c', script], { cwd: '/', detached: true, stdio: 'ignore' });
    watchdog.on('error', () => {});
    watchdog.unref();

    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    log(`ready at ${url}`);
    return {
      url,
      stop: async () => {
        if (stopped) return;
        log('stopping server');
        stopSync();
      },
    };
  } catch (error) {
    stopSync();
    throw error;
  }
}
