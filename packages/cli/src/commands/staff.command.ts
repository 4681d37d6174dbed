import { createStaffUser, generateStaffPassword, systemClock } from '@leasehold/server';
import { Option, type Command } from 'commander';
import { CLI_ACTOR, printJson, printLines, withDatabase } from '../context.ts';
import { email, nonEmpty } from '../parsers.ts';

interface StaffOptions {
  email: string;
  name: string;
  role: 'owner' | 'support' | 'read_only';
  json?: boolean;
}

export function registerStaffCommands(program: Command): void {
  const staff = program.command('staff').description('Staff accounts of the admin console.');
  staff
    .command('create')
    .description('Create a staff account and print its first password (shown once).')
    .requiredOption('--email <email>', 'what the staff member signs in with', email)
    .requiredOption('--name <name>', 'their name', nonEmpty)
    .addOption(new Option('--role <role>', 'owner: everything; support: day-to-day changes; read_only: reads only').choices(['owner', 'support', 'read_only']).makeOptionMandatory())
    .option('--json', 'print the result as JSON')
    .action(async (options: StaffOptions) => {
      const password = generateStaffPassword();
      const created = await withDatabase((database) => createStaffUser({ database, clock: systemClock }, { email: options.email, name: options.name, role: options.role, password }, CLI_ACTOR));
      if (options.json) return printJson({ id: created.id, email: created.email, role: created.role, password });
      printLines(
        `Created ${created.role} staff account ${created.email}.`,
        '',
        `  password: ${password}`,
        '',
        'Hand it over now: it is shown only this once. Sign in at /admin/ and turn on two-step sign-in (TOTP).',
      );
    });
}
