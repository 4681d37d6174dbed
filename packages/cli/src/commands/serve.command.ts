import { DomainError } from '@leasehold/core';
import { configFromEnv, demoSeedable, seedDemo, startServer, systemClock, type DemoCredentials } from '@leasehold/server';
import type { Command } from 'commander';
import { CLI_ACTOR, describeDatabase, secretsFor, withDatabase } from '../context.ts';
import { demoCredentialLines, portalServed } from '../demo-banner.ts';

const say = (...lines: string[]) => process.stderr.write(`${lines.join('\n')}\n`);

function untilStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      // From here a second Ctrl+C gets Node's default handling: stop at once.
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Start the license server. JSON logs go to stdout; this banner goes to stderr. It needs the master key that seals the secrets the database keeps: LEASEHOLD_MASTER_KEY_FILE or LEASEHOLD_MASTER_KEY (see `leasehold master-key --help`).')
    .option('--demo', 'on an empty database, seed the demo first and print its credentials; with no master key set, use the demo\'s own key file in the data folder (made on first start; for a trial only)')
    .action(async (options: { demo?: boolean }) => {
      const config = configFromEnv();
      const secrets = secretsFor(config, { demo: options.demo });
      let demo: DemoCredentials | null = null;
      if (options.demo) {
        demo = await withDatabase(async (database) => {
          if (!(await demoSeedable(database.db))) return null;
          // Another process sharing the database may have seeded it since: then it is simply not empty.
          return seedDemo(database, systemClock, secrets, { publicUrl: config.publicUrl, actor: CLI_ACTOR }).catch((error: unknown) => {
            if (error instanceof DomainError && error.code === 'CONFLICT') return null;
            throw error;
          });
        });
      }
      const stopSignal = untilStopSignal();
      const server = await startServer(config);
      say(
        '',
        `Leasehold is listening at ${server.url}`,
        `  Database: ${describeDatabase(config)}`,
        `  API docs: ${server.url}/docs`,
        `  Keys:     ${server.url}/.well-known/jwks.json`,
        '            (build what `leasehold keys trusted` prints into the app: the SDK\'s trustedKeys)',
        '',
      );
      if (demo) say(...demoCredentialLines(demo, server.url, portalServed(server.app, demo.portalPath)), '');
      else if (options.demo) say('Demo: the database already has data, so nothing was seeded. Use the credentials printed when it was seeded, or start on an empty database (LEASEHOLD_DATA_DIR or DATABASE_URL).', '');
      say('Press Ctrl+C to stop.', '');

      const signal = await stopSignal;
      say(`${signal}: stopping…`);
      await server.close();
      say('Stopped.');
    });
}
