import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { RawComponents } from '../fingerprint/components.ts';

/** A clock the test moves. */
export class ManualClock {
  constructor(public at = Date.now()) {}
  now(): number {
    return this.at;
  }
  advance(ms: number): void {
    this.at += ms;
  }
}

/** A computer whose components the test controls: seven, each derived from a seed. */
export class TestMachine {
  components: RawComponents;

  constructor(readonly seed: string) {
    const value = (name: string) => createHash('sha256').update(`${seed}:${name}`).digest('hex').slice(0, 24);
    this.components = {
      machine_id: value('machine_id'), system_uuid: value('system_uuid'), board_serial: value('board_serial'), disk_serial: value('disk_serial'),
      cpu: value('cpu'), mac: value('mac'), os_install_id: value('os_install_id'),
    };
  }

  readonly collect = async (): Promise<RawComponents> => ({ ...this.components });

  /** Replaces these components, as new hardware or a reinstall would. */
  change(...names: (keyof RawComponents)[]): void {
    for (const name of names) this.components[name] = `replaced-${name}-${Math.random().toString(36).slice(2)}`;
  }
}

/** A fresh app data folder; removed by the returned function. */
export function tempDataDir(): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leasehold-sdk-'));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A loopback URL where nothing listens: the server as seen from a computer that is offline. */
export async function unreachableUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
