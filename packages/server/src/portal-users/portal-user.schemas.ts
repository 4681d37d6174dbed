import { z } from 'zod';
import { Email, Locale, Password, PersonName } from '../portal-auth/portal-auth.schemas.ts';

const Role = z.enum(['owner', 'admin', 'viewer']);

export const PortalUserListSchema = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), email: z.string(), role: Role, lastLoginAt: z.string().nullable() })),
  invitations: z.array(z.object({ email: z.string(), role: z.enum(['admin', 'viewer']), expiresAt: z.string() })).describe('Invitations sent and not yet accepted.'),
});

export const InviteBody = z.object({ email: Email, role: z.enum(['admin', 'viewer']) });
export const InvitationParams = z.object({ email: Email });
export const InvitationSchema = z.object({ invitation: z.object({ email: z.string(), role: z.enum(['admin', 'viewer']), expiresAt: z.string() }) });

export const AcceptInvitationBody = z.object({ token: z.string().trim().min(1).max(200), name: PersonName, password: Password, locale: Locale });

export const RoleBody = z.object({ role: Role });
export const PortalUserSchema = z.object({ user: z.object({ id: z.string(), name: z.string(), email: z.string(), role: Role, locale: z.string() }) });
