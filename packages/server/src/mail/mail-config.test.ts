import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configFromEnv } from '../config.ts';

const SMTP = 'smtp://user:secret@mail.example.com:587';
const FROM = 'Leasehold <licenses@vendor.example>';

test('mail settings: none by default; SMTP_URL with MAIL_FROM; the interval', () => {
  assert.deepEqual(pick(configFromEnv({})), { smtpUrl: null, mailFrom: null, mailIntervalMs: 5000 });
  assert.deepEqual(pick(configFromEnv({ SMTP_URL: SMTP, MAIL_FROM: ` ${FROM} `, LEASEHOLD_MAIL_INTERVAL_MS: '0' })), { smtpUrl: SMTP, mailFrom: FROM, mailIntervalMs: 0 });
  assert.equal(configFromEnv({ SMTP_URL: 'smtps://mail.example.com', MAIL_FROM: 'licenses@vendor.example' }).smtpUrl, 'smtps://mail.example.com');
});

const refused: [name: string, env: NodeJS.ProcessEnv, says: RegExp][] = [
  ['an http URL', { SMTP_URL: 'http://mail.example.com', MAIL_FROM: FROM }, /SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/],
  ['a URL with no host', { SMTP_URL: 'smtp://', MAIL_FROM: FROM }, /SMTP_URL must be/],
  ['SMTP_URL without MAIL_FROM', { SMTP_URL: SMTP }, /MAIL_FROM must be set with SMTP_URL/],
  ['a MAIL_FROM with no address', { SMTP_URL: SMTP, MAIL_FROM: 'Leasehold' }, /MAIL_FROM must be one address/],
  ['a MAIL_FROM of two addresses', { SMTP_URL: SMTP, MAIL_FROM: 'a@vendor.example, b@vendor.example' }, /MAIL_FROM must be one address/],
  ['a negative interval', { LEASEHOLD_MAIL_INTERVAL_MS: '-1' }, /LEASEHOLD_MAIL_INTERVAL_MS must be a number of milliseconds/],
  ['an interval that is not a number', { LEASEHOLD_MAIL_INTERVAL_MS: 'often' }, /LEASEHOLD_MAIL_INTERVAL_MS/],
];
for (const [name, env, says] of refused) {
  test(`mail settings: ${name} is refused with what to set`, () => {
    assert.throws(() => configFromEnv(env), (error: Error) => says.test(error.message) && !error.message.includes('secret'));
  });
}

function pick(config: ReturnType<typeof configFromEnv>) {
  return { smtpUrl: config.smtpUrl, mailFrom: config.mailFrom, mailIntervalMs: config.mailIntervalMs };
}
