import { createCustomer, systemClock } from '@leasehold/server';
import { Option, type Command } from 'commander';
import { CLI_ACTOR, printJson, printLines, withDatabase } from '../context.ts';
import { email, nonEmpty } from '../parsers.ts';

interface CustomerOptions {
  name: string;
  number?: string;
  email?: string;
  contactName?: string;
  phone?: string;
  locale: 'en' | 'fr';
  json?: boolean;
}

export function registerCustomerCommands(program: Command): void {
  const customer = program.command('customer').description('Customers: the organisations that hold licenses.');
  customer
    .command('create')
    .description('Create a customer and print its customer number and registration key (shown once).')
    .requiredOption('--name <name>', 'the organisation\'s name', nonEmpty)
    .option('--number <number>', 'your own customer number (default: the next free number)', nonEmpty)
    .option('--email <email>', 'contact email; lost registration details are sent only here', email)
    .option('--contact-name <name>', 'the contact person')
    .option('--phone <phone>', 'contact phone number')
    .addOption(new Option('--locale <locale>', 'language of emails and the portal').choices(['en', 'fr']).default('en'))
    .option('--json', 'print the result as JSON')
    .action(async (options: CustomerOptions) => {
      const { customer: created, registration } = await withDatabase((database) =>
        database.transaction((trx) =>
          createCustomer(trx, {
            name: options.name, number: options.number, contactEmail: options.email, contactName: options.contactName, phone: options.phone, locale: options.locale,
          }, CLI_ACTOR, systemClock.now()),
        ),
      );
      if (options.json) return printJson({ id: created.id, name: created.name, ...registration });
      printLines(
        `Created customer ${registration.customerNumber} "${created.name}".`,
        '',
        `  customer number:  ${registration.customerNumber}`,
        `  registration key: ${registration.registrationKey}`,
        '',
        'Give both to the customer now: the registration key is shown only this once.',
        `Next: leasehold license issue --customer ${registration.customerNumber} --plan <plan code>`,
      );
    });
}
