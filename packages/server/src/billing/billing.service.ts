import {
  DEFAULT_BILLING_TIME_ZONE, DomainError, billingMonthEndsBy, billingMonthOf, daysInMonth, formatBillingMonth, parseBillingMonth, prorate, totalsByCurrency,
  type BillingMonth, type ProratedLine,
} from '@leasehold/core';
import type { AppDeps } from '../deps.ts';
import { getCustomer } from '../customers/customer.repository.ts';
import { toCsv } from '../shared/csv.ts';
import { money } from './billing-csv.ts';
import { licenseChanges } from './billing-history.ts';
import { listCustomersById, listLicenseEvents, listPlanPrices, type BilledCustomer } from './billing.repository.ts';

const lineView = (line: ProratedLine) => ({
  licenseId: line.licenseId,
  plan: { code: line.plan.code, name: line.plan.name, period: line.plan.period },
  from: line.from,
  to: line.to,
  days: line.days,
  daysInPeriod: line.daysInPeriod,
  unitCents: line.unitCents,
  amountCents: line.amountCents,
  currency: line.currency,
});

export const CSV_HEADER = ['customer_number', 'customer_name', 'license_id', 'plan_code', 'plan_name', 'from', 'to', 'days', 'unit_price', 'amount', 'currency'];

/**
 * What customers are billed for a period (a calendar month in the billing time zone): each
 * license's plan and price, prorated by day from the license events (see `prorate`).
 */
export class BillingService {
  private readonly timeZone: string;

  constructor(private readonly deps: Pick<AppDeps, 'database' | 'clock' | 'config'>) {
    this.timeZone = deps.config.billingTimeZone ?? DEFAULT_BILLING_TIME_ZONE;
  }

  /** One customer's bill: lines and totals. Without a period, the current month. */
  async customerBill(customerId: string, period?: string) {
    const db = this.deps.database.db;
    const customer = await getCustomer(db, customerId);
    if (!customer) throw new DomainError('NOT_FOUND', 'No such customer.');
    const month = this.month(period);
    const lines = (await this.lines(month, customerId)).get(customerId) ?? [];
    return {
      customer: { id: customer.id, number: customer.number, name: customer.name },
      ...this.periodView(month),
      lines: lines.map(lineView),
      totals: totalsByCurrency(lines),
    };
  }

  /** Every customer billed in a period, by customer number, with their lines and totals, and the vendor's totals. */
  async report(period?: string) {
    const month = this.month(period);
    const byCustomer = await this.lines(month);
    const customers = await listCustomersById(this.deps.database.db, [...byCustomer.keys()]);
    const bills = [...byCustomer]
      .map(([id, lines]) => ({ customer: customers.get(id)!, lines }))
      .sort((a, b) => a.customer.number.localeCompare(b.customer.number, 'en', { numeric: true }));
    return {
      ...this.periodView(month),
      customers: bills.map(({ customer, lines }) => ({
        customer: { id: customer.id, number: customer.number, name: customer.name },
        lines: lines.map(lineView),
        totals: totalsByCurrency(lines),
      })),
      totals: totalsByCurrency(bills.flatMap((bill) => bill.lines)),
    };
  }

  /** The same report as CSV, one row per line. */
  async reportCsv(period?: string): Promise<{ filename: string; csv: string }> {
    const report = await this.report(period);
    const rows = report.customers.flatMap(({ customer, lines }) => lines.map((line) => csvRow(customer, line)));
    return { filename: `leasehold-billing-${report.period}.csv`, csv: toCsv([CSV_HEADER, ...rows]) };
  }

  private month(period: string | undefined): BillingMonth {
    return period ? parseBillingMonth(period) : billingMonthOf(this.deps.clock.now(), this.timeZone);
  }

  private periodView(month: BillingMonth) {
    const text = formatBillingMonth(month);
    const days = daysInMonth(month);
    return { period: text, timeZone: this.timeZone, from: `${text}-01`, to: `${text}-${String(days).padStart(2, '0')}`, days };
  }

  /** Lines per customer id, only customers with at least one. */
  private async lines(month: BillingMonth, customerId?: string): Promise<Map<string, ProratedLine[]>> {
    const db = this.deps.database.db;
    const events = await listLicenseEvents(db, billingMonthEndsBy(month), customerId);
    const changes = licenseChanges(events, await listPlanPrices(db));
    const customerOf = new Map(events.map((e) => [e.licenseId, e.customerId]));
    const result = new Map<string, ProratedLine[]>();
    for (const line of prorate(changes, month, this.timeZone)) {
      const owner = customerOf.get(line.licenseId)!;
      result.set(owner, [...(result.get(owner) ?? []), line]);
    }
    return result;
  }
}

function csvRow(customer: BilledCustomer, line: ReturnType<typeof lineView>): (string | number)[] {
  return [customer.number, customer.name, line.licenseId, line.plan.code, line.plan.name, line.from, line.to, line.days, money(line.unitCents), money(line.amountCents), line.currency];
}
