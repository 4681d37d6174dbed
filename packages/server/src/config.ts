import path from 'node:path';
import { DEFAULT_BILLING_TIME_ZONE, isTimeZone } from '@leasehold/core';
import type { DatabaseConfig } from '@leasehold/db';
import type { AppConfig } from './deps.ts';
import { masterKeyFromEnv, type MasterKeySetting } from './encryption/master-key.ts';
import { proxyTrust, type TrustProxy } from './http/client-address.ts';
import { senderProblem } from './mail/mailer.ts';
import { DEFAULT_WEBHOOK_RETENTION_DAYS } from './webhooks/webhook-dispatcher.ts';

export interface ServerConfig extends AppConfig {
  host: string;
  port: number;
  database: DatabaseConfig;
  /** How often the webhook dispatcher looks for due deliveries; 0 runs no dispatcher in this process. */
  webhookIntervalMs: number;
  /** Days delivered webhook deliveries are kept before the dispatcher deletes them; 0 keeps them all. */
  webhookRetentionDays: number;
  /** Where mail goes out (smtp:// or smtps://); null sends none: mail waits in the outbox. */
  smtpUrl: string | null;
  /** The sender of every mail, e.g. "Leasehold <licenses@vendor.example>"; set whenever smtpUrl is. */
  mailFrom: string | null;
  /** How often the mail sender looks for due mail; 0 runs no sender in this process. */
  mailIntervalMs: number;
  /** LEASEHOLD_MASTER_KEY or LEASEHOLD_MASTER_KEY_FILE; null when neither is set (then only `serve --demo` starts, with a key file of its own). */
  masterKey: MasterKeySetting | null;
}

/** Every setting comes from the environment; the README lists each variable. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a TCP port number (0-65535), not "${env.PORT}".`);
  const host = env.HOST ?? '127.0.0.1';
  const bodyLimit = Number(env.LEASEHOLD_BODY_LIMIT ?? 1_048_576);
  if (!Number.isInteger(bodyLimit) || bodyLimit < 1024) throw new Error(`LEASEHOLD_BODY_LIMIT must be a number of bytes of at least 1024, not "${env.LEASEHOLD_BODY_LIMIT}".`);
  const sync = env.LEASEHOLD_SQLITE_SYNCHRONOUS?.toLowerCase();
  if (sync && sync !== 'normal' && sync !== 'full') throw new Error(`LEASEHOLD_SQLITE_SYNCHRONOUS must be "normal" or "full", not "${sync}".`);
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error('DATABASE_URL must be a postgres:// URL; leave it unset to use the embedded SQLite database.');
  const webhookIntervalMs = Number(env.LEASEHOLD_WEBHOOK_INTERVAL_MS ?? 5000);
  if (!Number.isInteger(webhookIntervalMs) || webhookIntervalMs < 0) throw new Error(`LEASEHOLD_WEBHOOK_INTERVAL_MS must be a number of milliseconds (0 turns the dispatcher off), not "${env.LEASEHOLD_WEBHOOK_INTERVAL_MS}".`);
  const webhookTimeoutMs = Number(env.LEASEHOLD_WEBHOOK_TIMEOUT_MS ?? 10_000);
  if (!Number.isInteger(webhookTimeoutMs) || webhookTimeoutMs < 1000) throw new Error(`LEASEHOLD_WEBHOOK_TIMEOUT_MS must be a number of milliseconds of at least 1000, not "${env.LEASEHOLD_WEBHOOK_TIMEOUT_MS}".`);
  const webhookRetentionDays = Number(env.LEASEHOLD_WEBHOOK_RETENTION_DAYS ?? DEFAULT_WEBHOOK_RETENTION_DAYS);
  if (!Number.isInteger(webhookRetentionDays) || webhookRetentionDays < 0) throw new Error(`LEASEHOLD_WEBHOOK_RETENTION_DAYS must be a whole number of days (0 keeps delivered deliveries forever), not "${env.LEASEHOLD_WEBHOOK_RETENTION_DAYS}".`);
  const allowPrivate = env.LEASEHOLD_WEBHOOK_ALLOW_PRIVATE?.toLowerCase() || 'false';
  if (allowPrivate !== 'true' && allowPrivate !== 'false') throw new Error(`LEASEHOLD_WEBHOOK_ALLOW_PRIVATE must be "true" (webhooks may go to loopback and private addresses) or "false", not "${env.LEASEHOLD_WEBHOOK_ALLOW_PRIVATE}".`);
  const { smtpUrl, mailFrom } = mailSettings(env);
  const mailIntervalMs = Number(env.LEASEHOLD_MAIL_INTERVAL_MS ?? 5000);
  if (!Number.isInteger(mailIntervalMs) || mailIntervalMs < 0) throw new Error(`LEASEHOLD_MAIL_INTERVAL_MS must be a number of milliseconds (0 turns the mail sender off), not "${env.LEASEHOLD_MAIL_INTERVAL_MS}".`);
  const billingTimeZone = env.LEASEHOLD_BILLING_TIME_ZONE || DEFAULT_BILLING_TIME_ZONE;
  if (!isTimeZone(billingTimeZone)) throw new Error(`LEASEHOLD_BILLING_TIME_ZONE must be an IANA time zone such as America/Toronto or UTC, not "${billingTimeZone}".`);
  const displayHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return {
    host,
    port,
    publicUrl: (env.LEASEHOLD_PUBLIC_URL ?? `http://${displayHost}:${port}`).replace(/\/$/, ''),
    bodyLimit,
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: trustProxyFromEnv(env.LEASEHOLD_TRUST_PROXY),
    webhookIntervalMs,
    webhookTimeoutMs,
    webhookRetentionDays,
    webhookAllowPrivate: allowPrivate === 'true',
    smtpUrl,
    mailFrom,
    mailIntervalMs,
    billingTimeZone,
    masterKey: masterKeyFromEnv(env),
    database: {
      databaseUrl,
      dataDir: path.resolve(env.LEASEHOLD_DATA_DIR ?? './data'),
      sqliteSynchronous: (sync as 'normal' | 'full' | undefined) ?? 'full',
      poolSize: env.DATABASE_POOL_SIZE ? Number(env.DATABASE_POOL_SIZE) : undefined,
    },
  };
}

const TRUST_PROXY_HELP = 'the number of reverse proxies in front of Leasehold (usually 1), or their addresses or CIDRs separated by commas (such as 10.0.0.2 or 10.0.0.0/8)';

/**
 * LEASEHOLD_TRUST_PROXY: unset or false, a hop count, or the proxies' addresses. `true` is refused:
 * it used to take the left-most X-Forwarded-For entry, which the client writes, and any meaning
 * given to it now (one hop, or every hop) would silently be wrong for some deployments.
 */
export function trustProxyFromEnv(value: string | undefined): TrustProxy {
  const setting = value?.trim() ?? '';
  if (setting === '' || setting.toLowerCase() === 'false') return false;
  if (setting.toLowerCase() === 'true') {
    throw new Error(`LEASEHOLD_TRUST_PROXY=true is no longer accepted: it took the client address from the left-most X-Forwarded-For entry, which the client itself writes. Write ${TRUST_PROXY_HELP}.`);
  }
  if (/^\d+$/.test(setting) && Number.isSafeInteger(Number(setting))) return Number(setting) || false;
  const proxies = setting.split(',').map((proxy) => proxy.trim());
  let problem = /^[-+]?\d*\.?\d+$/.test(setting) ? 'not a whole number of proxies' : proxies.includes('') ? 'a list with an empty entry' : '';
  try {
    if (!problem) proxyTrust(proxies);
  } catch (error) {
    problem = `not a list of addresses (${(error as Error).message})`;
  }
  if (problem) throw new Error(`LEASEHOLD_TRUST_PROXY must be ${TRUST_PROXY_HELP}, or false; "${value}" is ${problem}.`);
  return proxies;
}

function mailSettings(env: NodeJS.ProcessEnv): { smtpUrl: string | null; mailFrom: string | null } {
  const smtpUrl = env.SMTP_URL || null;
  if (!smtpUrl) return { smtpUrl: null, mailFrom: env.MAIL_FROM || null };
  // Not echoed: the URL may hold the SMTP password.
  if (!/^smtps?:\/\/[^/?#]/.test(smtpUrl) || !URL.canParse(smtpUrl)) throw new Error('SMTP_URL must be an smtp:// or smtps:// URL such as smtp://user:pass@mail.example.com:587; leave it unset to send no mail.');
  const mailFrom = env.MAIL_FROM?.trim();
  if (!mailFrom) throw new Error('MAIL_FROM must be set with SMTP_URL: the sender of the mail, such as "Leasehold <licenses@vendor.example>".');
  const problem = senderProblem(mailFrom);
  if (problem) throw new Error(problem);
  return { smtpUrl, mailFrom };
}
