import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { eventTypeList } from '../events/event-types.ts';
import { pageSchema } from '../http/paging.ts';
import { problemResponses } from '../http/schemas.ts';
import { adminRoute } from './admin-route.ts';
import { EventFilterQuery, EventQuery, EventSchema, EventTypeListSchema } from './event-admin.schemas.ts';
import { EventAdminService } from './event-admin.service.ts';

/** Admin API: the audit log, its CSV export, and the catalogue of event types (for filters and webhook subscriptions). */
export function registerEventAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { onRequest, ...doc } = adminRoute(deps);
  const service = new EventAdminService(deps);

  r.get('/v1/admin/events', {
    onRequest,
    schema: { ...doc, summary: 'The audit log: every state change with its actor, newest first', querystring: EventQuery, response: { 200: pageSchema(EventSchema), ...problemResponses } },
  }, async (request) => service.list(request.query));

  r.get('/v1/admin/events.csv', {
    onRequest,
    schema: {
      ...doc, summary: 'The audit log of the same filters as CSV (time, type, customer number and name, actor type, id and name, subject, data as JSON), newest first',
      description: 'A CSV attachment, streamed; errors are application/problem+json like everywhere else.',
      querystring: EventFilterQuery, produces: ['text/csv'],
      response: { 200: z.string().describe('text/csv; charset=utf-8, with a byte order mark so spreadsheets read accents'), ...problemResponses },
    },
  }, async (request, reply) => {
    const { filename, stream } = service.csv(request.query);
    // The documented body is the CSV text; the typed reply takes only that, not the stream that produces it.
    return (reply as FastifyReply).type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(stream);
  });

  r.get('/v1/admin/event-types', {
    onRequest,
    schema: { ...doc, summary: 'Every event type the server writes: what the audit log can be filtered by and webhook endpoints can subscribe to', response: { 200: EventTypeListSchema, ...problemResponses } },
  }, async () => ({ items: eventTypeList() }));
}
