import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SecretBox } from './secret-box.ts';

/** Where the master key came from, for messages; never the key itself. */
export interface MasterKeySetting {
  key: Buffer;
  source: string;
}

export const DEMO_MASTER_KEY_FILE = 'master.key';

const HOW_TO_MAKE_ONE = 'Make one with `npx leasehold master-key generate --out /etc/leasehold/master.key` (a file only you can read) and start with LEASEHOLD_MASTER_KEY_FILE=/etc/leasehold/master.key, or set LEASEHOLD_MASTER_KEY to its text. Keep it out of the data folder and its backups: a copy of the database is then of no use without it.';

/** 32 random bytes as base64url: the text of a master key file or of LEASEHOLD_MASTER_KEY. */
export function generateMasterKey(): string {
  return randomBytes(32).toString('base64url');
}

/** A master key written as 64 hex digits or as base64 / base64url of 32 bytes. */
export function parseMasterKey(text: string, source: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : /^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed) ? Buffer.from(trimmed, 'base64url') : null;
  if (!key || key.length !== 32) {
    throw new Error(`${source} must hold a master key of 32 bytes, written as 64 hex digits or 43 base64url characters (what \`npx leasehold master-key generate\` prints).`);
  }
  return key;
}

/** LEASEHOLD_MASTER_KEY, or the file LEASEHOLD_MASTER_KEY_FILE names; null when neither is set. */
export function masterKeyFromEnv(env: NodeJS.ProcessEnv, variable = 'LEASEHOLD_MASTER_KEY'): MasterKeySetting | null {
  const text = env[variable];
  const file = env[`${variable}_FILE`];
  if (text && file) throw new Error(`Set ${variable} or ${variable}_FILE, not both.`);
  if (text) return { key: parseMasterKey(text, variable), source: variable };
  if (!file) return null;
  let content: string;
  try {
    content = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`${variable}_FILE names ${file}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}). ${HOW_TO_MAKE_ONE}`);
  }
  return { key: parseMasterKey(content, `${variable}_FILE (${file})`), source: file };
}

/**
 * The demo's master key: a file beside the database, made on first start (mode 0600). Convenient
 * for a trial and of no protection for a copy of the data folder, which is why only `--demo` uses it.
 */
export function demoMasterKey(dataDir: string): MasterKeySetting & { created: boolean } {
  const file = path.join(dataDir, DEMO_MASTER_KEY_FILE);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  let created = false;
  try {
    fs.writeFileSync(file, `${generateMasterKey()}\n`, { mode: 0o600, flag: 'wx' });
    created = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return { key: parseMasterKey(fs.readFileSync(file, 'utf8'), file), source: file, created };
}

/** The box for the configured master key, or an error that says how to make one. */
export function secretBoxFor(setting: MasterKeySetting | null, dataDir?: string): SecretBox {
  if (setting) return new SecretBox(setting.key);
  const demoFile = dataDir ? path.join(dataDir, DEMO_MASTER_KEY_FILE) : null;
  const demoHint = demoFile && fs.existsSync(demoFile) ? ` The demo's key is in ${demoFile}: LEASEHOLD_MASTER_KEY_FILE=${demoFile} uses it (for a trial only).` : '';
  throw new Error(`No master key is set. Leasehold encrypts its private signing keys and other secrets under a master key that the database never holds. ${HOW_TO_MAKE_ONE}${demoHint}`);
}
