import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_FLAGS } from '../runtime-flags.ts';

export interface ServerChild {
  url: string;
  pid: number;
  kill(signal?: NodeJS.Signals): void;
  /** Settles when the process has ended, with how it ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface SpawnOptions {
  /** Extra flags for node, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /** How long to wait for the `{"listening": …}` line. */
  timeoutMs?: number;
}

const SCRIPT = fileURLToPath(new URL('./server-process.ts', import.meta.url));
// Resolved here, not by the child, so the child may run from any working directory.
const TSX = import.meta.resolve('tsx');
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

const tail = (text: string) => (text.length > 4000 ? `…${text.slice(-4000)}` : text);

/**
 * Starts `server-process.ts` in its own node process, with the flags `npm start` gives a server and
 * `env` over this process's environment (PORT=0 and LOG_LEVEL=warn unless given), and resolves once
 * it listens.
 */
export function spawnServer(env: NodeJS.ProcessEnv, options: SpawnOptions = {}): Promise<ServerChild> {
  return spawnListening(SCRIPT, env, { ...options, nodeArgs: [...SERVER_NODE_FLAGS, ...(options.nodeArgs ?? [])] });
}

/** Runs any TypeScript `script` that prints `{"listening": "<url>"}` on a line of its own once ready. */
export function spawnListening(script: string, env: NodeJS.ProcessEnv, options: SpawnOptions = {}): Promise<ServerChild> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', TSX, script], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let stderr = '';
  let stdout = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { stderr = tail(stderr + chunk); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    });
  });

  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`The server process ${why}.\n--- stderr ---\n${stderr}\n--- stdout ---\n${stdout}`));
    };
    const timer = setTimeout(() => fail(`did not listen within ${options.timeoutMs ?? 30_000} ms`), options.timeoutMs ?? 30_000);
    child.on('error', (error) => fail(`could not start: ${error.message}`));
    exited.then(({ code, signal }) => fail(`ended before listening (code ${code}, signal ${signal})`));
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout = tail(stdout + chunk);
      if (settled) return;
      const line = stdout.split('\n').slice(0, -1).find((l) => l.startsWith('{"listening"'));
      if (!line) return;
      settled = true;
      clearTimeout(timer);
      resolve({
        url: (JSON.parse(line) as { listening: string }).listening,
        pid: child.pid!,
        kill: (signal = 'SIGTERM') => { child.kill(signal); },
        exited,
      });
    });
  });
}
