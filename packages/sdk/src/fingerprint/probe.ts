import { execFile } from 'node:child_process';
import { readFile, readdir, realpath } from 'node:fs/promises';

/** A command a fingerprint source runs; `id` names its recorded output in test fixtures. */
export interface ProbeCommand {
  id: string;
  command: string;
  args: string[];
}

/**
 * What a fingerprint source may ask of the operating system. Every method answers null when the
 * thing is missing, unreadable or fails: a source leaves that component out, it never guesses.
 */
export interface SystemProbe {
  readFile(path: string): Promise<string | null>;
  listDir(path: string): Promise<string[] | null>;
  realPath(path: string): Promise<string | null>;
  run(command: ProbeCommand): Promise<string | null>;
}

const COMMAND_TIMEOUT_MS = 15_000;

/** The real operating system. */
export const nodeProbe: SystemProbe = {
  readFile: (path) => readFile(path, 'utf8').catch(() => null),
  listDir: (path) => readdir(path).then((names) => names.sort(), () => null),
  realPath: (path) => realpath(path).catch(() => null),
  run: ({ command, args }) =>
    new Promise((resolve) => {
      execFile(command, args, { timeout: COMMAND_TIMEOUT_MS, windowsHide: true, maxBuffer: 8 * 1024 * 1024, encoding: 'utf8' }, (error, stdout) => {
        resolve(error ? null : stdout);
      });
    }),
};
