import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));
// Resolved here, so the child finds tsx from any working directory.
const TSX = import.meta.resolve('tsx');
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A fresh data directory for one test's SQLite database. */
export function tempDataDir(): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leasehold-cli-'));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const MASTER_KEY_VARIABLES = ['LEASEHOLD_MASTER_KEY', 'LEASEHOLD_MASTER_KEY_FILE', 'LEASEHOLD_NEW_MASTER_KEY', 'LEASEHOLD_NEW_MASTER_KEY_FILE'];

function spawnCli(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const base = { ...process.env };
  // The tests' own settings must not leak into the child: it reads only what each test gives it.
  for (const name of ['DATABASE_URL', 'LEASEHOLD_DATA_DIR', 'PORT', 'HOST', 'LEASEHOLD_PUBLIC_URL', 'LOG_LEVEL', ...MASTER_KEY_VARIABLES]) delete base[name];
  const child = spawn(process.execPath, ['--import', TSX, MAIN, ...args], { env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  child.on('exit', () => live.delete(child));
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  return child;
}

/** Runs `leasehold <args>` to completion. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const child = spawnCli(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: string) => { stdout += chunk; });
  child.stderr!.on('data', (chunk: string) => { stderr += chunk; });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface ServeProcess {
  url: string;
  /** The banner so far (stderr). */
  banner(): string;
  stdout(): string;
  /** Sends the signal and settles when the process has ended. */
  stop(signal?: NodeJS.Signals): Promise<CliResult>;
}

/** Starts `leasehold serve <args>` on a free port and resolves once its banner is complete. */
export function startServe(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<ServeProcess> {
  const child = spawnCli(['serve', ...args], { PORT: '0', LOG_LEVEL: 'warn', ...env });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: string) => { stdout += chunk; });
  const closed = new Promise<CliResult>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail('did not finish its banner in time'), timeoutMs);
    function fail(why: string) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`leasehold serve ${why}.\n--- stderr ---\n${stderr}\n--- stdout ---\n${stdout}`));
    }
    const onExit = (code: number | null) => fail(`exited with code ${code}`);
    child.on('exit', onExit);
    child.stderr!.on('data', (chunk: string) => {
      stderr += chunk;
      if (!stderr.includes('Press Ctrl+C to stop.')) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      const url = /listening at (http:\/\/\S+)/.exec(stderr)![1];
      resolve({
        url,
        banner: () => stderr,
        stdout: () => stdout,
        stop: (signal = 'SIGTERM') => {
          child.kill(signal);
          return closed;
        },
      });
    });
  });
}
