import { z } from 'zod';
import { ResourceSchema } from '../admin/admin.schemas.ts';
import { displayName, PageQuery } from '../http/schemas.ts';
import { LicenseSchema } from '../licenses/license.schemas.ts';

const optionalText = (max: number) => z.string().trim().min(1).max(max).nullable().optional();

const AddressFields = z.strictObject({
  line1: optionalText(200),
  line2: optionalText(200),
  city: optionalText(100),
  region: optionalText(100),
  postalCode: optionalText(20),
  country: z.string().regex(/^[A-Za-z]{2}$/, 'an ISO 3166 two-letter code such as CA').transform((c) => c.toUpperCase()).nullable().optional(),
});

const ContactFields = {
  name: displayName(200),
  contactName: displayName(200).nullable().optional(),
  contactEmail: z.email().max(254).nullable().optional(),
  phone: optionalText(40),
  address: AddressFields.optional(),
  locale: z.enum(['en', 'fr']).optional(),
};

export const CreateCustomerBody = z.object({
  number: z.string().trim().regex(/^[A-Za-z0-9-]{1,32}$/, 'letters, digits and "-", at most 32').optional().describe('Leave out to be given the next free number.'),
  ...ContactFields,
});

export const UpdateCustomerBody = z
  .strictObject({ ...ContactFields, name: ContactFields.name.optional() })
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change')
  .describe('Fields left out keep their value; null clears one. The customer number cannot change.');

export const CustomerSearchQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional().describe('Part of a customer number, name, contact email or a computer\'s host name.'),
});

export const CustomerSchema = z.object({
  id: z.string(),
  number: z.string(),
  name: z.string(),
  status: z.enum(['active', 'suspended']),
  contactName: z.string().nullable(),
  contactEmail: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.object({
    line1: z.string().nullable(),
    line2: z.string().nullable(),
    city: z.string().nullable(),
    region: z.string().nullable(),
    postalCode: z.string().nullable(),
    country: z.string().nullable(),
  }),
  locale: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const RegistrationSchema = z.object({
  customerNumber: z.string(),
  registrationKey: z.string().describe('Shown once: only its hash is kept. Give it to the customer now.'),
});

export const ReissueRegistrationBody = z.object({
  email: z.boolean().optional().describe('Also mail the new details to the customer\'s contact email, in the customer\'s language, with the registration details mail.'),
}).nullish();

export const ReissuedRegistrationSchema = RegistrationSchema.extend({
  emailedTo: z.string().nullable().describe('The address the new details were queued to, or null when not mailed.'),
});

export const CreatedCustomerSchema = z.object({ customer: CustomerSchema, registration: RegistrationSchema });

export const PoolSchema = z.object({
  featureId: z.string(),
  feature: z.string(),
  name: z.string().describe('The feature\'s English name.'),
  names: z.object({ en: z.string(), fr: z.string().optional() }).describe('The feature\'s names, to show the one of the reader\'s language.'),
  seatKind: z.string(),
  capacity: z.number(),
  assigned: z.number(),
  unassigned: z.number(),
});

export const CustomerDetailSchema = CustomerSchema.extend({
  licenses: z.array(LicenseSchema),
  pools: z.array(PoolSchema).describe('Per feature: slots of licenses that grant use now, seats held, and slots free.'),
  resources: z.array(ResourceSchema).describe('Providers, schedules and the computers that hold a seat, with their health.'),
});
