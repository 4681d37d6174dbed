import { z } from 'zod';
import { displayName } from '../http/schemas.ts';

export const Locale = z.enum(['en', 'fr']);
export const Email = z.email().max(254).describe('An email address; compared without regard to case.');
export const Password = z.string().min(10, 'must be at least 10 characters').max(256).describe('At least 10 characters.');
export const PersonName = displayName(120);
const Token = z.string().trim().min(1).max(200);

export const UserSchema = z.object({ id: z.string(), name: z.string(), email: z.string(), role: z.enum(['owner', 'admin', 'viewer']), locale: z.string() });
export const CustomerSummarySchema = z.object({ id: z.string(), number: z.string(), name: z.string() });

export const SessionSchema = z.object({
  user: UserSchema,
  customer: CustomerSummarySchema,
  csrfToken: z.string().describe('Send it back as the x-csrf-token header with every change (POST, PUT, PATCH, DELETE) made with this session.'),
});

export const RegistrationLogonBody = z.object({
  customerNumber: z.string().trim().min(1).max(32),
  registrationKey: z.string().trim().min(1).max(64),
});

export const RegistrationTicketSchema = z.object({
  registrationTicket: z.string().describe('Registers one account with POST /v1/portal/register within 30 minutes.'),
  customer: z.object({ number: z.string(), name: z.string() }),
  existingAccounts: z.number().describe('Portal accounts the customer already has; they log on with email and password. When there are any, an account registered with this ticket is a viewer.'),
});

export const RegisterBody = z.object({ registrationTicket: Token, name: PersonName, email: Email, password: Password, locale: Locale });

export const LogonBody = z.object({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(256) });

export const MeBody = z.object({ name: PersonName.optional(), locale: Locale.optional() });
export const MeSchema = z.object({ user: UserSchema });

export const PasswordResetBody = z.object({ email: Email, locale: Locale.optional() });
export const PasswordResetSentSchema = z.object({ sent: z.literal(true) });
export const PasswordResetConfirmBody = z.object({ token: Token, password: Password });
export const PasswordResetDoneSchema = z.object({ reset: z.literal(true) });

export const RecoveryBody = z.object({
  name: PersonName,
  businessName: displayName(200),
  address: z.string().trim().min(1).max(500).describe('The postal address, with its postal code.'),
  email: Email,
  locale: Locale.optional(),
});
export const RecoveryReceivedSchema = z.object({ received: z.literal(true) });
export const RecoveryConfirmBody = z.object({ token: Token });
export const RecoveredSchema = z.object({
  customerNumber: z.string(),
  registrationKey: z.string().describe('The new registration key, shown once; the old one no longer works.'),
});
