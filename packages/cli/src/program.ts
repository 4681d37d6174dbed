import fs from 'node:fs';
import { Command, CommanderError } from 'commander';
import { debugging, describeError, EXIT } from './cli-errors.ts';
import { registerAdminCommands } from './commands/admin.command.ts';
import { registerCustomerCommands } from './commands/customer.command.ts';
import { registerDemoCommand } from './commands/demo.command.ts';
import { registerKeysCommands } from './commands/keys.command.ts';
import { registerLicenseCommands } from './commands/license.command.ts';
import { registerMasterKeyCommands } from './commands/master-key.command.ts';
import { registerMigrateCommand } from './commands/migrate.command.ts';
import { registerServeCommand } from './commands/serve.command.ts';
import { registerStaffCommands } from './commands/staff.command.ts';

const ENVIRONMENT = `
Configuration comes from the environment:
  DATABASE_URL                   postgres://user:password@host:5432/name; unset: embedded SQLite
  LEASEHOLD_DATA_DIR             directory of the SQLite database (default ./data)
  LEASEHOLD_MASTER_KEY_FILE      file holding the master key that seals the secrets the database keeps
                                 (serve needs one; serve --demo makes its own; leasehold master-key --help)
  LEASEHOLD_MASTER_KEY           or the master key itself (43 base64url characters)
  PORT, HOST                     where the server listens (default 8080 on 127.0.0.1)
  LEASEHOLD_PUBLIC_URL           the URL clients use, e.g. https://licenses.example.com
  LOG_LEVEL                      info (default), debug (also prints stack traces), warn, error, silent
  LEASEHOLD_BODY_LIMIT           largest request body in bytes (default 1048576)
  LEASEHOLD_TRUST_PROXY          behind reverse proxies: how many (usually 1) or their addresses/CIDRs
                                 (comma-separated), to read the client from X-Forwarded-For (default false)
  LEASEHOLD_SQLITE_SYNCHRONOUS   full (default) or normal
  DATABASE_POOL_SIZE             PostgreSQL connections per process (default 10)
  LEASEHOLD_WEBHOOK_INTERVAL_MS  how often webhook deliveries are sent (default 5000; 0: none here)
  LEASEHOLD_WEBHOOK_TIMEOUT_MS   how long a webhook endpoint has to answer (default 10000)
  LEASEHOLD_WEBHOOK_ALLOW_PRIVATE  true: webhooks may go to loopback and private addresses (default false)
  LEASEHOLD_BILLING_TIME_ZONE    time zone of the billing months (default America/Toronto)`;

function version(): string {
  const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** The `leasehold` command. Subcommands inherit the error handling set here, so they are added with `.command()`. */
export function buildProgram(): Command {
  const program = new Command('leasehold')
    .description('Leasehold, a self-hostable license server: run it, migrate its database, and do admin tasks from the shell.')
    .version(version(), '-V, --version')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .addHelpText('after', ENVIRONMENT);
  registerServeCommand(program);
  registerMigrateCommand(program);
  registerDemoCommand(program);
  registerAdminCommands(program);
  registerKeysCommands(program);
  registerMasterKeyCommands(program);
  registerCustomerCommands(program);
  registerLicenseCommands(program);
  registerStaffCommands(program);
  return program;
}

/** Runs the command line and answers the exit code: 0 done, 1 a failure to fix, 2 a usage error. */
export async function run(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    // Commander has already printed its message (unknown option, missing value...) or the help.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    process.stderr.write(`error: ${describeError(error)}\n`);
    if (debugging() && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    return EXIT.failure;
  }
}
