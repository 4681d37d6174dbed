import { DomainError } from '@leasehold/core';
import { newId, type Db, type LeaseholdDatabase } from '@leasehold/db';
import { insertEvent, type Actor } from '../events/event.repository.ts';
import { generateReadableKey, hashSecret, normalizeReadableKey } from '../shared/secrets.ts';
import { customerNumberTaken, getCustomer, nextCustomerNumber, insertCustomer, updateCustomer, type CustomerRecord } from './customer.repository.ts';

export interface NewCustomer {
  number?: string;
  name: string;
  contactName?: string | null;
  contactEmail?: string | null;
  phone?: string | null;
  address?: { line1?: string | null; line2?: string | null; city?: string | null; region?: string | null; postalCode?: string | null; country?: string | null };
  locale?: 'en' | 'fr';
}

/** Registration details as the customer receives them: shown once, stored only as a hash. */
export interface RegistrationDetails {
  customerNumber: string;
  registrationKey: string;
}

const FIRST_CUSTOMER_NUMBER = 100001;

export async function createCustomer(trx: Db, input: NewCustomer, actor: Actor, now: number): Promise<{ customer: CustomerRecord; registration: RegistrationDetails }> {
  let number = input.number?.trim();
  if (number) {
    if (await customerNumberTaken(trx, number)) throw new DomainError('ALREADY_EXISTS', `Customer number ${number} is already used. Leave it out to have the next free number given.`);
  } else {
    number = await nextCustomerNumber(trx, FIRST_CUSTOMER_NUMBER);
  }
  const registrationKey = generateReadableKey();
  const id = newId(now);
  const a = input.address ?? {};
  await insertCustomer(trx, {
    id,
    number,
    name: input.name,
    status: 'active',
    registration_key_hash: hashSecret(normalizeReadableKey(registrationKey)),
    contact_name: input.contactName ?? null,
    contact_email: input.contactEmail?.toLowerCase() ?? null,
    phone: input.phone ?? null,
    address_line1: a.line1 ?? null,
    address_line2: a.line2 ?? null,
    city: a.city ?? null,
    region: a.region ?? null,
    postal_code: a.postalCode ?? null,
    country: a.country ?? null,
    locale: input.locale ?? 'en',
    created_at: now,
    updated_at: now,
  });
  await insertEvent(trx, { customerId: id, type: 'customer.created', actor, subjectType: 'customer', subjectId: id, data: { number, name: input.name } }, now);
  return { customer: (await getCustomer(trx, id))!, registration: { customerNumber: number, registrationKey } };
}

/** A new registration key replaces the old one, which stops working at once. */
export async function reissueRegistration(trx: Db, customerId: string, actor: Actor, now: number): Promise<RegistrationDetails> {
  const customer = await getCustomer(trx, customerId);
  if (!customer) throw new DomainError('NOT_FOUND', 'No such customer.');
  const registrationKey = generateReadableKey();
  await updateCustomer(trx, customerId, { registration_key_hash: hashSecret(normalizeReadableKey(registrationKey)), updated_at: now });
  await insertEvent(trx, { customerId, type: 'customer.registration_reissued', actor, subjectType: 'customer', subjectId: customerId }, now);
  return { customerNumber: customer.number, registrationKey };
}

export async function setCustomerStatus(trx: Db, customerId: string, status: 'active' | 'suspended', actor: Actor, now: number): Promise<CustomerRecord> {
  const customer = await getCustomer(trx, customerId);
  if (!customer) throw new DomainError('NOT_FOUND', 'No such customer.');
  if (customer.status !== status) {
    await updateCustomer(trx, customerId, { status, updated_at: now });
    await insertEvent(trx, { customerId, type: status === 'suspended' ? 'customer.suspended' : 'customer.resumed', actor, subjectType: 'customer', subjectId: customerId }, now);
  }
  return (await getCustomer(trx, customerId))!;
}

export type CustomerDetailsPatch = Partial<Omit<NewCustomer, 'number'>>;

/** Contact and address changes; fields left out keep their value, null clears one. */
export async function updateCustomerDetails(trx: Db, customerId: string, patch: CustomerDetailsPatch, actor: Actor, now: number): Promise<CustomerRecord> {
  const customer = await getCustomer(trx, customerId);
  if (!customer) throw new DomainError('NOT_FOUND', 'No such customer.');
  const keep = <T>(value: T | undefined, old: T): T => (value === undefined ? old : value);
  const a = patch.address ?? {};
  const after = {
    name: keep(patch.name, customer.name),
    contactName: keep(patch.contactName, customer.contactName),
    contactEmail: keep(patch.contactEmail?.toLowerCase() ?? patch.contactEmail, customer.contactEmail),
    phone: keep(patch.phone, customer.phone),
    locale: keep(patch.locale, customer.locale),
    address: {
      line1: keep(a.line1, customer.address.line1),
      line2: keep(a.line2, customer.address.line2),
      city: keep(a.city, customer.address.city),
      region: keep(a.region, customer.address.region),
      postalCode: keep(a.postalCode, customer.address.postalCode),
      country: keep(a.country?.toUpperCase() ?? a.country, customer.address.country),
    },
  };
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [field, value] of Object.entries(after)) {
    const old = customer[field as keyof typeof after];
    if (JSON.stringify(old) !== JSON.stringify(value)) changes[field] = { from: old, to: value };
  }
  if (Object.keys(changes).length === 0) return customer;
  await updateCustomer(trx, customerId, {
    name: after.name, contact_name: after.contactName, contact_email: after.contactEmail, phone: after.phone, locale: after.locale,
    address_line1: after.address.line1, address_line2: after.address.line2, city: after.address.city, region: after.address.region,
    postal_code: after.address.postalCode, country: after.address.country, updated_at: now,
  });
  await insertEvent(trx, { customerId, type: 'customer.updated', actor, subjectType: 'customer', subjectId: customerId, data: { changes } }, now);
  return (await getCustomer(trx, customerId))!;
}

export type { LeaseholdDatabase };
