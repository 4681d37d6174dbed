import { listSigningKeys, prepareKeys, retireSigningKey, rotateSigningKey, sealPlaintextSecrets, systemClock, trustedKeysDocument, type SecretBox } from '@leasehold/server';
import type { Command } from 'commander';
import { CLI_ACTOR, printJson, printLines, secretsFor, withDatabase } from '../context.ts';

const iso = (at: number | null) => (at === null ? '' : new Date(at).toISOString());

/** What a server does at start before it signs: secrets sealed, the root key and a certified signing key. */
async function prepared(database: Parameters<typeof prepareKeys>[0], secrets: SecretBox): Promise<void> {
  await sealPlaintextSecrets(database, secrets);
  await prepareKeys(database, systemClock, secrets);
}

export function registerKeysCommands(program: Command): void {
  const keys = program
    .command('keys')
    .description('The vendor\'s Ed25519 keys: the root key apps are built to trust, and the signing keys it certifies, which sign leases and license files.');

  keys
    .command('trusted')
    .description('Print the keys to build into the app as `trustedKeys`: the root key (which certifies every later signing key) and today\'s signing keys.')
    .action(async () => {
      const document = await withDatabase(async (database, config) => {
        await prepared(database, secretsFor(config));
        return trustedKeysDocument(database.db);
      });
      printJson(document);
    });

  keys
    .command('list')
    .description('Every key: its id, role, when it was made and when it was retired.')
    .option('--json', 'print the keys as JSON')
    .action(async (options: { json?: boolean }) => {
      const rows = await withDatabase((database) => listSigningKeys(database.db));
      const listed = rows.map((k) => ({ kid: k.kid, role: k.role, createdAt: iso(k.createdAt), retiredAt: k.retiredAt === null ? null : iso(k.retiredAt) }));
      if (options.json) return printJson(listed);
      if (listed.length === 0) return printLines('No keys yet: the server makes its keys when it first starts.');
      printLines(...listed.map((k) => `${k.kid}  ${k.role.padEnd(7)}  made ${k.createdAt}${k.retiredAt ? `  retired ${k.retiredAt}` : k.role === 'signing' ? '  in use' : ''}`));
    });

  keys
    .command('rotate')
    .description('Add a new signing key, certified by the root key; it signs from now on and older keys stay published so what they signed still verifies.')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      const { kid, published } = await withDatabase(async (database, config) => {
        const secrets = secretsFor(config);
        await prepared(database, secrets);
        const kid = await rotateSigningKey(database, systemClock, secrets, CLI_ACTOR);
        return { kid, published: (await listSigningKeys(database.db)).filter((k) => k.role === 'signing' && k.retiredAt === null).length };
      });
      if (options.json) return printJson({ kid, published });
      printLines(
        `New signing key: ${kid}`,
        `${published} signing ${published === 1 ? 'key is' : 'keys are'} published at /.well-known/jwks.json; leases signed with the older ones still verify.`,
        'Running servers sign with the new key within a minute.',
      );
    });

  keys
    .command('retire')
    .argument('<kid>', 'the id of the signing key (see `leasehold keys list`)')
    .description('Stop signing with a key and publishing it, e.g. when it may have been copied. Apps drop the leases it signed at their next contact with the server, and take a new one.')
    .option('--json', 'print the result as JSON')
    // Key ids are base64url and may start with "-": such an id is the argument, not an unknown option.
    .allowUnknownOption()
    .action(async (kid: string, options: { json?: boolean }) => {
      const result = await withDatabase(async (database, config) => {
        const secrets = secretsFor(config);
        await prepared(database, secrets);
        return retireSigningKey(database, systemClock, secrets, kid, CLI_ACTOR);
      });
      if (options.json) return printJson(result);
      printLines(
        `Retired signing key: ${result.retired}`,
        `Signing key in use: ${result.signing}`,
        'Running servers stop signing with the retired key within a minute. Each app drops the leases it signed when it next reaches the server, and takes a new lease there.',
      );
    });
}
