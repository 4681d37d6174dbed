import { createAdminKey, systemClock } from '@leasehold/server';
import type { Command } from 'commander';
import { CLI_ACTOR, printJson, printLines, withDatabase } from '../context.ts';

export function registerAdminCommands(program: Command): void {
  const admin = program.command('admin').description('Staff access: admin API keys.');
  admin
    .command('create-key')
    .description('Create an admin API key for the admin API (Authorization: Bearer <key>); it is shown once.')
    .option('--name <name>', 'who or what uses the key, e.g. "billing export"', 'admin')
    .option('--json', 'print the result as JSON')
    .action(async (options: { name: string; json?: boolean }) => {
      const created = await withDatabase((database) =>
        database.transaction((trx) => createAdminKey(trx, { name: options.name }, CLI_ACTOR, systemClock.now())),
      );
      if (options.json) {
        const { id, name, keyPrefix, createdAt } = created.adminKey;
        return printJson({ id, name, keyPrefix, key: created.key, createdAt: new Date(createdAt).toISOString() });
      }
      printLines(
        `Created admin API key "${created.adminKey.name}".`,
        '',
        `  ${created.key}`,
        '',
        'Store it now: it is shown only this once. Send it as "Authorization: Bearer <key>".',
      );
    });
}
