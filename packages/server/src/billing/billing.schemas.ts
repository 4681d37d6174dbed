import { z } from 'zod';

export const PeriodQuery = z.object({
  period: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM, e.g. 2026-11')
    .optional()
    .describe('The billing period: a calendar month (YYYY-MM) in the server\'s billing time zone. Default: the current month.'),
});

const Money = z.object({ currency: z.string(), amountCents: z.number() });

export const BillLineSchema = z.object({
  licenseId: z.string(),
  plan: z.object({ code: z.string(), name: z.string(), period: z.enum(['month', 'year']) }),
  from: z.string().describe('First day billed (YYYY-MM-DD), inclusive.'),
  to: z.string().describe('Last day billed (YYYY-MM-DD), inclusive.'),
  days: z.number(),
  daysInPeriod: z.number(),
  unitCents: z.number().describe('The plan\'s price for its own period (a month or a year) when the license took it.'),
  amountCents: z.number().describe('unitCents × days ÷ daysInPeriod (÷ 12 more for a yearly plan), rounded to the cent.'),
  currency: z.string(),
});

export const CustomerBillSchema = z.object({
  customer: z.object({ id: z.string(), number: z.string(), name: z.string() }),
  period: z.string(),
  timeZone: z.string(),
  from: z.string(),
  to: z.string(),
  days: z.number(),
  lines: z.array(BillLineSchema),
  totals: z.array(Money).describe('One total per currency; empty when nothing is billed.'),
});

export const BillingReportSchema = z.object({
  period: z.string(),
  timeZone: z.string(),
  from: z.string(),
  to: z.string(),
  days: z.number(),
  customers: z.array(z.object({
    customer: z.object({ id: z.string(), number: z.string(), name: z.string() }),
    lines: z.array(BillLineSchema),
    totals: z.array(Money),
  })).describe('Every customer with something billed in the period, by customer number.'),
  totals: z.array(Money).describe('The whole period, one total per currency.'),
});
