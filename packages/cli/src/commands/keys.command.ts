import { listSigningKeys, rotateSigningKey, systemClock } from '@leasehold/server';
import type { Command } from 'commander';
import { CLI_ACTOR, printJson, printLines, withDatabase } from '../context.ts';

export function registerKeysCommands(program: Command): void {
  const keys = program.command('keys').description('The Ed25519 keys that sign leases and license files.');
  keys
    .command('rotate')
    .description('Add a new signing key; it signs from now on and older keys stay published so what they signed still verifies.')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      const { kid, published } = await withDatabase(async (database) => {
        const kid = await rotateSigningKey(database, systemClock, CLI_ACTOR);
        return { kid, published: (await listSigningKeys(database.db)).length };
      });
      if (options.json) return printJson({ kid, published });
      printLines(
        `New signing key: ${kid}`,
        `${published} ${published === 1 ? 'key is' : 'keys are'} published at /.well-known/jwks.json; leases signed with the older ones still verify.`,
        'Running servers sign with the new key within a minute.',
      );
    });
}
