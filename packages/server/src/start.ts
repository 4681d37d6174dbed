import { migrateToLatest, openDatabase, type LeaseholdDatabase } from '@leasehold/db';
import type { FastifyInstance } from 'fastify';
import { createApp } from './app.ts';
import type { ServerConfig } from './config.ts';
import { systemClock, type Clock } from './deps.ts';
import { startMailSender } from './mail/mail-sender.ts';
import { createSmtpMailer } from './mail/mailer.ts';
import { secretBoxFor } from './encryption/master-key.ts';
import { sealPlaintextSecrets } from './encryption/sealed-secrets.service.ts';
import { createSigner } from './signing/signing.service.ts';
import { startWebhookDispatcher } from './webhooks/webhook-dispatcher.ts';

export interface RunningServer {
  app: FastifyInstance;
  database: LeaseholdDatabase;
  url: string;
  close(): Promise<void>;
}

/** Opens the database, applies migrations, seals any secret still kept in plaintext, loads the signing key and listens. */
export async function startServer(config: ServerConfig, clock: Clock = systemClock): Promise<RunningServer> {
  const secrets = secretBoxFor(config.masterKey, config.database.dataDir);
  const database = openDatabase(config.database);
  await migrateToLatest(database.db);
  const sealedAtStart = await sealPlaintextSecrets(database, secrets);
  const signer = await createSigner(database, clock, secrets);
  const mailer = config.smtpUrl && config.mailFrom ? createSmtpMailer(config.smtpUrl, config.mailFrom) : undefined;
  const app = await createApp({ database, clock, signer, secrets, config, mailer });
  const address = await app.listen({ host: config.host, port: config.port });
  const port = (app.server.address() as { port: number }).port;
  const url = config.port === 0 ? config.publicUrl.replace(/:0$/, `:${port}`) : config.publicUrl;
  // With a port picked at listen time, leases and links must name the port actually used.
  config.publicUrl = url;
  if (sealedAtStart > 0) app.log.info({ sealed: sealedAtStart }, 'secrets kept in plaintext by an older version are now sealed under the master key');
  app.log.info({ address, database: database.dialect }, 'leasehold listening');
  const webhooks = config.webhookIntervalMs > 0
    ? startWebhookDispatcher({ database, clock, secrets, logger: app.log }, { intervalMs: config.webhookIntervalMs, timeoutMs: config.webhookTimeoutMs, allowPrivateDestinations: config.webhookAllowPrivate, retentionDays: config.webhookRetentionDays })
    : null;
  if (!mailer) app.log.warn('SMTP_URL is not set: no mail is sent. Mail waits in the outbox, which the admin console shows (GET /v1/admin/mail); set SMTP_URL and MAIL_FROM to send it.');
  const mail = mailer && config.mailIntervalMs > 0 ? startMailSender({ database, clock, logger: app.log }, mailer, { intervalMs: config.mailIntervalMs }) : null;
  return {
    app,
    database,
    url,
    async close() {
      await webhooks?.stop();
      await mail?.stop();
      await app.close();
      mailer?.close();
      await database.close();
    },
  };
}
