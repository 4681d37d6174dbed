import { migrateToLatest, openDatabase } from '@leasehold/db';
import { configFromEnv } from '@leasehold/server';
import type { Command } from 'commander';
import { describeDatabase, printJson, printLines } from '../context.ts';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Apply the database migrations that have not run yet (serve also does this at start).')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      const config = configFromEnv();
      const database = openDatabase(config.database);
      try {
        const { applied } = await migrateToLatest(database.db);
        if (options.json) return printJson({ applied });
        printLines(
          ...(applied.length ? applied.map((name) => `Applied ${name}`) : ['No migrations to apply: the schema is up to date.']),
          `Database: ${describeDatabase(config)}`,
        );
      } finally {
        await database.close();
      }
    });
}
