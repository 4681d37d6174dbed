import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { adminRoute } from '../admin/admin-route.ts';
import type { AppDeps } from '../deps.ts';
import { IdParams, problemResponses } from '../http/schemas.ts';
import { CSV_BOM } from '../shared/csv.ts';
import { BillingReportSchema, CustomerBillSchema, PeriodQuery } from './billing.schemas.ts';
import { BillingService } from './billing.service.ts';

/** Admin API: what customers are billed per period, prorated by day. */
export function registerBillingRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { onRequest, ...doc } = adminRoute(deps);
  const service = new BillingService(deps);

  r.get('/v1/admin/customers/:id/bill', {
    onRequest,
    schema: {
      ...doc, summary: 'A customer\'s bill for a period: each license\'s plan and price, prorated by day across adds, upgrades and removals',
      params: IdParams, querystring: PeriodQuery, response: { 200: CustomerBillSchema, ...problemResponses },
    },
  }, async (request) => service.customerBill(request.params.id, request.query.period));

  r.get('/v1/admin/billing/report', {
    onRequest,
    schema: {
      ...doc, summary: 'Every customer\'s bill of a period: lines and totals per customer, and the period\'s totals (the CSV report as JSON)',
      querystring: PeriodQuery, response: { 200: BillingReportSchema, ...problemResponses },
    },
  }, async (request) => service.report(request.query.period));

  r.get('/v1/admin/billing/report.csv', {
    onRequest,
    schema: {
      ...doc, summary: 'Every customer\'s bill items of a period as CSV (customer number, name, license, plan, from, to, days, unit price, amount, currency)',
      description: 'A CSV attachment; errors are application/problem+json like everywhere else.',
      querystring: PeriodQuery, produces: ['text/csv'], response: { 200: z.string().describe('text/csv; charset=utf-8, with a byte order mark so spreadsheets read accents'), ...problemResponses },
    },
  }, async (request, reply) => {
    const { filename, csv } = await service.reportCsv(request.query.period);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .send(CSV_BOM + csv);
  });
}
