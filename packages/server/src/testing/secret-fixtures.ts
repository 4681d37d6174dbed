import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { SEALED, sealContext } from '../encryption/sealed-columns.ts';
import { listStoredValues } from '../encryption/sealed-values.repository.ts';
import type { SecretBox } from '../encryption/secret-box.ts';
import { totpCode } from '../staff/totp.ts';
import { adminClient } from './admin-client.ts';
import { json, type Harness } from './harness.ts';
import { PASSWORD } from './portal-fixtures.ts';
import { asStaff, signInStaff } from './staff-fixtures.ts';

/** One secret of every sealed kind but the signing keys, as the API handed each over once. */
export interface SeededSecrets {
  /** A staff member signed in with two-step sign-in on. */
  totp: { staffId: string; email: string; secret: string };
  /** A staff member who asked for a TOTP secret and has not confirmed it yet. */
  pending: { staffId: string; secret: string };
  webhook: { id: string; secret: string };
}

/** Enrols two staff members in two-step sign-in (one left unconfirmed) and adds a webhook endpoint, through the API. */
export async function seedSecrets(h: Harness): Promise<SeededSecrets> {
  const owner = await signInStaff(h, 'owner');
  const begun = json(await asStaff(h, owner)('POST', '/v1/staff/totp'));
  const confirmed = await asStaff(h, owner)('POST', '/v1/staff/totp/confirm', { code: totpCode(begun.secret, h.clock.now()) });
  assert.equal(confirmed.statusCode, 200, confirmed.body);
  h.clock.advance(30_000);

  const support = await signInStaff(h, 'support');
  const pending = json(await asStaff(h, support)('POST', '/v1/staff/totp'));

  const endpoint = await adminClient(h).create('/v1/admin/webhooks', { url: 'https://hooks.example.test/hook', eventTypes: ['customer.created'] });
  return {
    totp: { staffId: owner.staffId, email: owner.email, secret: begun.secret },
    pending: { staffId: support.staffId, secret: pending.secret },
    webhook: { id: endpoint.id, secret: endpoint.secret },
  };
}

/** Signs in with the password and the current code of the secret: 200 when the kept secret opens and matches. */
export async function logonWithTotp(h: Harness, email: string, secret: string): Promise<number> {
  h.clock.advance(30_000);
  const response = await h.request({ method: 'POST', url: '/v1/staff/logon', payload: { email, password: PASSWORD, totp: totpCode(secret, h.clock.now()) } });
  return response.statusCode;
}

/** The values the database keeps for the seeded secrets and the signing keys, as stored. */
export async function storedSecrets(h: Harness): Promise<Map<string, string>> {
  const stored = new Map<string, string>();
  for (const column of Object.values(SEALED)) {
    for (const { id, value } of await listStoredValues(h.database.db, column)) stored.set(sealContext(column, id), value);
  }
  return stored;
}

/** Writes a value into a sealed column as a version before sealing would have kept it. */
export async function keepInPlaintext(h: Harness, column: (typeof SEALED)[keyof typeof SEALED], id: string, value: string): Promise<void> {
  await sql`update ${sql.table(column.table)} set ${sql.ref(column.column)} = ${value} where ${sql.ref(column.key)} = ${id}`.execute(h.database.db);
}

/** Every stored value opened with the box, by context. */
export function openAll(stored: Map<string, string>, box: SecretBox): Map<string, string> {
  return new Map([...stored].map(([context, value]) => [context, box.open(value, context)]));
}
