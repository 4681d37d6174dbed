import type { LeaseholdDatabase } from '@leasehold/db';
import type { FastifyBaseLogger } from 'fastify';
import type { SecretBox } from './encryption/secret-box.ts';
import type { TrustProxy } from './http/client-address.ts';
import type { Mailer } from './mail/mailer.ts';
import type { Signer } from './signing/signing.service.ts';

/** Where time comes from. Services never call Date.now(); tests move this clock instead. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export interface AppConfig {
  /** The public URL of this server, used as the lease issuer and in links. */
  publicUrl: string;
  /** Largest request body accepted, in bytes. */
  bodyLimit: number;
  /** Log level for pino; 'silent' in tests. */
  logLevel: string;
  /**
   * Behind reverse proxies: how many there are, or their addresses; the client address (log-on
   * throttling keys on it) is then the X-Forwarded-For entry the nearest untrusted hop wrote.
   */
  trustProxy?: TrustProxy;
  /** IANA time zone whose calendar months are the billing periods; default America/Toronto. */
  billingTimeZone?: string;
  /** How long a webhook endpoint has to answer a delivery; default 10 s. */
  webhookTimeoutMs?: number;
  /** Deliver webhooks to loopback and private addresses too (an on-premises receiver); by default only public ones. */
  webhookAllowPrivate?: boolean;
}

export interface AppDeps {
  database: LeaseholdDatabase;
  clock: Clock;
  signer: Signer;
  /** Seals and opens the secrets the database keeps, under the master key the database never holds. */
  secrets: SecretBox;
  config: AppConfig;
  logger?: FastifyBaseLogger;
  /** Sends the outbox's mail; none when SMTP_URL is not set, and then mail waits in the outbox. */
  mailer?: Mailer;
}
