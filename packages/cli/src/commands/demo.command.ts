import { createApp, createSigner, seedDemo, systemClock } from '@leasehold/server';
import type { Command } from 'commander';
import { CLI_ACTOR, describeDatabase, printJson, printLines, secretsFor, withDatabase } from '../context.ts';
import { demoCredentialLines, portalServed } from '../demo-banner.ts';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('Seed the demo catalogue, a demo customer with licenses, resources and a computer, and demo keys into an empty database.')
    .option('--json', 'print the credentials as JSON')
    .action(async (options: { json?: boolean }) => {
      const { demo, portal, config } = await withDatabase(async (database, config) => {
        const secrets = secretsFor(config, { demo: true });
        const demo = await seedDemo(database, systemClock, secrets, { publicUrl: config.publicUrl, actor: CLI_ACTOR });
        // A quiet app, never listening, only to ask whether this build serves the portal.
        const app = await createApp({ database, clock: systemClock, signer: await createSigner(database, systemClock, secrets), secrets, config: { ...config, logLevel: 'silent' } });
        await app.ready();
        const portal = portalServed(app, demo.portalPath);
        await app.close();
        return { demo, portal, config };
      });
      if (options.json) return printJson({ url: config.publicUrl, portalUrl: `${config.publicUrl}${demo.portalPath}`, portalServed: portal, ...demo });
      printLines(
        `Database: ${describeDatabase(config)}`,
        ...demoCredentialLines(demo, config.publicUrl, portal),
        '',
        'Start the server with `leasehold serve`.',
      );
    });
}
