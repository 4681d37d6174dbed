import { findCustomerRowByNumber, issueLicense, loadPlans, systemClock } from '@leasehold/server';
import type { Command } from 'commander';
import { UserError } from '../cli-errors.ts';
import { CLI_ACTOR, printJson, printLines, withDatabase } from '../context.ts';
import { countUpTo, nonEmpty } from '../parsers.ts';

interface IssueOptions {
  customer: string;
  plan: string;
  count: number;
  json?: boolean;
}

export function registerLicenseCommands(program: Command): void {
  const license = program.command('license').description('Licenses: units of a plan held by a customer.');
  license
    .command('issue')
    .description('Issue licenses of a plan to a customer and print their keys (shown once).')
    .requiredOption('--customer <number>', 'the customer number', nonEmpty)
    .requiredOption('--plan <code>', 'the plan code, e.g. engagement-plus', nonEmpty)
    .option('--count <n>', 'how many licenses to issue', countUpTo(1000), 1)
    .option('--json', 'print the result as JSON')
    .action(async (options: IssueOptions) => {
      const result = await withDatabase(async (database) => {
        const customer = await findCustomerRowByNumber(database.db, options.customer);
        if (!customer) throw new UserError(`No customer has number ${options.customer}. Check the number, or create the customer with \`leasehold customer create\`.`);
        const plans = [...(await loadPlans(database.db)).values()];
        const plan = plans.find((p) => p.code === options.plan);
        if (!plan) {
          const known = plans.map((p) => p.code).join(', ');
          throw new UserError(`No plan has code "${options.plan}". ${known ? `Use one of: ${known}.` : 'The catalogue has no plans yet; create them first (or run `leasehold demo` on an empty database).'}`);
        }
        const now = systemClock.now();
        // All of them or none: a failure half-way leaves no keys that were never shown.
        const issued = await database.transaction(async (trx) => {
          const out = [];
          for (let i = 0; i < options.count; i++) out.push(await issueLicense(trx, { customerId: customer.id, plan: plan.id }, CLI_ACTOR, now));
          return out;
        });
        return { customer, plan, issued };
      });
      const licenses = result.issued.map((i) => ({ id: i.license.id, key: i.key }));
      if (options.json) return printJson({ customerNumber: result.customer.number, plan: result.plan.code, licenses });
      const n = licenses.length;
      printLines(
        `Issued ${n} ${result.plan.name.en} license${n === 1 ? '' : 's'} to customer ${result.customer.number} "${result.customer.name}":`,
        '',
        ...licenses.map((l) => `  ${l.id}  ${l.key}`),
        '',
        `Give the license key${n === 1 ? '' : 's'} to the customer now: ${n === 1 ? 'it is' : 'they are'} shown only this once.`,
      );
    });
}
