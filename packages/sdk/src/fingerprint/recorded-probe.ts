import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ProbeCommand, SystemProbe } from './probe.ts';

/**
 * A machine's answers as recorded in a fixture directory: `probe.json` maps each question
 * (`file:<path>`, `run:<command id>`, `dir:<path>`, `link:<path>`) to its answer, where file contents
 * and command outputs sit in files of their own beside it, exactly as the machine gave them.
 */
export interface RecordedAnswers {
  platform: 'linux' | 'win32' | 'darwin';
  /** File and command answers name a file in the directory; null means missing, unreadable or failed. */
  answers: Record<string, string | string[] | null>;
}

const outputFileName = (key: string) => `${key.replace(/^[a-z]+:/, '').replace(/[^A-Za-z0-9.-]+/g, '_').replace(/^_+/, '')}.txt`;

/** Replays a recorded machine; a question that was never recorded answers null, as a missing thing would. */
export async function recordedProbe(dir: string): Promise<{ platform: RecordedAnswers['platform']; probe: SystemProbe }> {
  const recorded = JSON.parse(await readFile(path.join(dir, 'probe.json'), 'utf8')) as RecordedAnswers;
  const answer = (key: string) => recorded.answers[key] ?? null;
  const content = async (key: string) => {
    const file = answer(key);
    return typeof file === 'string' ? readFile(path.join(dir, file), 'utf8') : null;
  };
  return {
    platform: recorded.platform,
    probe: {
      readFile: (p) => content(`file:${p}`),
      run: (c: ProbeCommand) => content(`run:${c.id}`),
      listDir: async (p) => {
        const names = answer(`dir:${p}`);
        return Array.isArray(names) ? names : null;
      },
      realPath: async (p) => {
        const target = answer(`link:${p}`);
        return typeof target === 'string' ? target : null;
      },
    },
  };
}

/** Wraps a probe and keeps every answer, so a machine's outputs can be saved as a fixture (`leasehold-agent fingerprint --record`). */
export function recordingProbe(inner: SystemProbe): { probe: SystemProbe; save(dir: string, platform: RecordedAnswers['platform']): Promise<void> } {
  const answers: Record<string, string | string[] | null> = {};
  const outputs = new Map<string, string>();
  const keep = <T extends string | string[] | null>(key: string, value: T, asFile: boolean): T => {
    if (asFile && typeof value === 'string') {
      const name = outputFileName(key);
      outputs.set(name, value);
      answers[key] = name;
    } else {
      answers[key] = value;
    }
    return value;
  };
  return {
    probe: {
      readFile: async (p) => keep(`file:${p}`, await inner.readFile(p), true),
      run: async (c) => keep(`run:${c.id}`, await inner.run(c), true),
      listDir: async (p) => keep(`dir:${p}`, await inner.listDir(p), false),
      realPath: async (p) => keep(`link:${p}`, await inner.realPath(p), false),
    },
    async save(dir, platform) {
      await mkdir(dir, { recursive: true });
      for (const [name, value] of outputs) await writeFile(path.join(dir, name), value);
      const sorted = Object.fromEntries(Object.entries(answers).sort(([a], [b]) => a.localeCompare(b)));
      await writeFile(path.join(dir, 'probe.json'), `${JSON.stringify({ platform, answers: sorted }, null, 2)}\n`);
    },
  };
}
