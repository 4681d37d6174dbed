import { migrateToLatest, openDatabase, type LeaseholdDatabase } from '@leasehold/db';
import type { FastifyInstance } from 'fastify';
import { createApp } from './app.ts';
import type { ServerConfig } from './config.ts';
import { systemClock, type Clock } from './deps.ts';
import { createSigner } from './signing/signing.service.ts';
import { startWebhookDispatcher } from './webhooks/webhook-dispatcher.ts';

export interface RunningServer {
  app: FastifyInstance;
  database: LeaseholdDatabase;
  url: string;
  close(): Promise<void>;
}

/** Opens the database, applies migrations, loads the signing key and listens. */
export async function startServer(config: ServerConfig, clock: Clock = systemClock): Promise<RunningServer> {
  const database = openDatabase(config.database);
  await migrateToLatest(database.db);
  const signer = await createSigner(database, clock);
  const app = await createApp({ database, clock, signer, config });
  const address = await app.listen({ host: config.host, port: config.port });
  const port = (app.server.address() as { port: number }).port;
  const url = config.port === 0 ? config.publicUrl.replace(/:0$/, `:${port}`) : config.publicUrl;
  // With a port picked at listen time, leases and links must name the port actually used.
  config.publicUrl = url;
  app.log.info({ address, database: database.dialect }, 'leasehold listening');
  const webhooks = config.webhookIntervalMs > 0
    ? startWebhookDispatcher({ database, clock, logger: app.log }, { intervalMs: config.webhookIntervalMs, timeoutMs: config.webhookTimeoutMs })
    : null;
  return {
    app,
    database,
    url,
    async close() {
      await webhooks?.stop();
      await app.close();
      await database.close();
    },
  };
}
