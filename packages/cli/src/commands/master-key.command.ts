import fs from 'node:fs';
import path from 'node:path';
import { configFromEnv, generateMasterKey, masterKeyFromEnv, resealSecrets, secretBoxFor, type ResealSummary } from '@leasehold/server';
import type { Command } from 'commander';
import { UserError } from '../cli-errors.ts';
import { printJson, printLines, withDatabase } from '../context.ts';

const ROTATION_STEPS = `
Steps:
  1. npx leasehold master-key generate --out /etc/leasehold/master.key.new
  2. LEASEHOLD_MASTER_KEY_FILE=/etc/leasehold/master.key \\
     LEASEHOLD_NEW_MASTER_KEY_FILE=/etc/leasehold/master.key.new npx leasehold master-key rotate
  3. Restart every server with the new key. Servers still running with the old one cannot open the
     resealed secrets: the JWKS, two-step sign-in and webhook deliveries fail there until then.
  4. Destroy the old key and every copy of it.`;

export function registerMasterKeyCommands(program: Command): void {
  const masterKey = program
    .command('master-key')
    .description('The master key that seals the private keys, TOTP secrets and webhook secrets the database keeps. The database never holds it: keep it in a file outside the data folder and its backups (LEASEHOLD_MASTER_KEY_FILE), or in LEASEHOLD_MASTER_KEY.');

  masterKey
    .command('generate')
    .description('Print a new master key (32 random bytes as 43 base64url characters) and nothing else.')
    .option('--out <file>', 'write it to this new file instead, readable by this user only (mode 600)')
    .addHelpText('after', '\nExample:\n  npx leasehold master-key generate --out /etc/leasehold/master.key\n  LEASEHOLD_MASTER_KEY_FILE=/etc/leasehold/master.key npx leasehold serve')
    .action((options: { out?: string }) => {
      const key = generateMasterKey();
      if (!options.out) return printLines(key);
      const file = path.resolve(options.out);
      try {
        fs.writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UserError(`${file} already exists. A master key file is never overwritten: the data may be sealed under the key it holds. Name a new file.`);
        throw error;
      }
      process.stderr.write(`Wrote a new master key to ${file} (mode 600). Start servers with LEASEHOLD_MASTER_KEY_FILE=${file}, and keep a copy apart from the database's backups.\n`);
    });

  masterKey
    .command('rotate')
    .description('Seal every secret the database keeps under a new master key, in one transaction: the current key comes from LEASEHOLD_MASTER_KEY or LEASEHOLD_MASTER_KEY_FILE, the new one from LEASEHOLD_NEW_MASTER_KEY or LEASEHOLD_NEW_MASTER_KEY_FILE. If any secret does not open under the current key, nothing changes.')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', ROTATION_STEPS)
    .action(async (options: { json?: boolean }) => {
      const config = configFromEnv();
      const current = config.masterKey;
      if (!current) {
        throw new UserError(`Set LEASEHOLD_MASTER_KEY_FILE (or LEASEHOLD_MASTER_KEY) to the master key the data is sealed under now, the one the servers run with; for the demo, LEASEHOLD_MASTER_KEY_FILE=${path.join(config.database.dataDir, 'master.key')}.`);
      }
      const next = masterKeyFromEnv(process.env, 'LEASEHOLD_NEW_MASTER_KEY');
      if (!next) throw new UserError('Set LEASEHOLD_NEW_MASTER_KEY_FILE (or LEASEHOLD_NEW_MASTER_KEY) to the new master key. Make one with `npx leasehold master-key generate --out <file>`.');
      const summary = await withDatabase((database) => resealSecrets(database, secretBoxFor(current), secretBoxFor(next)));
      if (options.json) return printJson(summary);
      printLines(...rotationReport(summary));
    });
}

function rotationReport(summary: ResealSummary): string[] {
  const moved = summary.resealed + summary.sealedFromPlaintext;
  const plural = (count: number) => `${count} ${count === 1 ? 'secret' : 'secrets'}`;
  return [
    `Resealed ${plural(moved)} under the new master key ${summary.to} (the old one was ${summary.from}):`,
    ...summary.columns.map((c) => `  ${c.what.padEnd(36)} ${c.resealed}`),
    ...(summary.sealedFromPlaintext ? [`${plural(summary.sealedFromPlaintext)} of them were kept in plaintext by an older version and are sealed now.`] : []),
    ...(summary.alreadyUnderNewKey ? [`${plural(summary.alreadyUnderNewKey)} were already under the new key (an earlier rotation).`] : []),
    '',
    'Next:',
    '  1. Restart every server with the new key (LEASEHOLD_MASTER_KEY_FILE or LEASEHOLD_MASTER_KEY). Servers still running',
    '     with the old key cannot open these secrets: the JWKS, two-step sign-in and webhook deliveries fail there until then.',
    '  2. Then destroy the old key and every copy of it. Backups taken before now were sealed under it: keep it only as long',
    '     as you may restore one of them.',
  ];
}
