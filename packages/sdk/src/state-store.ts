import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AnswerCode } from '@leasehold/core';
import type { StoredJwk } from './key-trust.ts';

/** How the app proves it acts for the customer: the registration details, or one license key. */
export type Credentials = { customerNumber: string; registrationKey: string } | { licenseKey: string };

/** The server's last word when it refused this computer; it outlives the lease it replaced. */
export interface Refusal {
  code: AnswerCode | 'NOT_FOUND';
  detail: string;
  at: number;
  mismatched?: string[];
  tolerance?: number;
}

/** Everything the SDK keeps between runs, in one owner-only file in the app's data folder. */
export interface StoredState {
  version: 1;
  product: string;
  serverUrl?: string;
  fingerprintSalt?: string;
  /**
   * Signing keys the server published, with the root key's certificates. Not trusted as such: each
   * counts only while its certificate verifies against a root key built into the app.
   */
  keys: StoredJwk[];
  /** The newest list of retired keys the root key signed (JWS), as the server last published it. */
  retiredKeys?: string;
  credentials?: Credentials;
  activationId?: string;
  /** What proves to the server that this is the activation's computer when it gives its seat back; the activation answer gave it once. */
  activationSecret?: string;
  /** The signed lease (JWS compact). */
  lease?: string;
  /** Activated from a response file: there is nothing to check in with. */
  airGapped?: boolean;
  refusal?: Refusal;
  /** A floating seat given back when the app stopped; the next start takes one again. */
  releasedOnExit?: boolean;
  deactivatedAt?: number;
  /** The latest time (clock plus skew) this computer has seen: a clock set back behind it is a rollback. */
  lastSeenAt: number;
  /** Server time minus this computer's clock at the last contact, so a clock that is simply wrong is not a rollback. */
  skewMs: number;
  lastCheckInAt?: number;
  /** Check-ins that could not reach the server in a row. */
  failures: number;
  lastFailureAt?: number;
  lastError?: string;
  nextAttemptAt?: number;
  pendingOffline?: { nonce: string; createdAt: number };
}

export function emptyState(product: string, now: number): StoredState {
  return { version: 1, product, keys: [], lastSeenAt: now, skewMs: 0, failures: 0 };
}

/**
 * Where an app that is not Electron keeps its data: %APPDATA% on Windows, Application Support on
 * macOS, $XDG_CONFIG_HOME (or ~/.config) elsewhere. Electron apps pass `app.getPath('userData')`.
 */
export function appDataDir(appName: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), appName);
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', appName);
  return path.join(env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'), appName);
}

/**
 * The state file, read afresh each time (the app and `leasehold-agent` may share it) and replaced
 * atomically. On POSIX the folder is 0700 and the file 0600; on Windows the file inherits the user
 * profile's ACL, which already keeps other users out.
 */
export class StateStore {
  readonly file: string;

  constructor(dataDir: string, product: string) {
    this.file = path.join(dataDir, `leasehold-${product.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`);
  }

  read(): StoredState | null {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return null;
    }
    try {
      const state = JSON.parse(text) as StoredState;
      return state && state.version === 1 && Array.isArray(state.keys) ? state : null;
    } catch {
      // A damaged file is no license, not a crash; keep it aside for support.
      try {
        renameSync(this.file, `${this.file}.damaged`);
      } catch {
        // nothing more to do
      }
      return null;
    }
  }

  write(state: StoredState): void {
    mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
    if (process.platform !== 'win32') chmodSync(temp, 0o600);
    renameSync(temp, this.file);
  }

  remove(): void {
    rmSync(this.file, { force: true });
  }
}
