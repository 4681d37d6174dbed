import { z } from 'zod';
import { Email, Locale, Password, PersonName } from '../portal-auth/portal-auth.schemas.ts';
import type { StaffInvitation } from './staff-admin.service.ts';
import type { StaffUser } from './staff.repository.ts';
import { StaffRoleSchema } from './staff.schemas.ts';

export const StaffMemberSchema = z.object({
  id: z.string(), email: z.string(), name: z.string(), role: StaffRoleSchema,
  totpEnabled: z.boolean().describe('Whether sign-in asks for a code of an authenticator app (two-step sign-in).'),
  createdAt: z.string(), lastLoginAt: z.string().nullable(),
  disabledAt: z.string().nullable().describe('Set while the account is disabled: it cannot sign in.'),
});

export const StaffInvitationSchema = z.object({ email: z.string(), name: z.string(), role: StaffRoleSchema, invitedAt: z.string(), expiresAt: z.string() });

export const StaffListSchema = z.object({
  items: z.array(StaffMemberSchema),
  invitations: z.array(StaffInvitationSchema).describe('Invitations sent and not yet accepted, cancelled or expired.'),
});

export const StaffInviteBody = z.object({
  email: Email, name: PersonName, role: StaffRoleSchema, locale: Locale.default('en').describe('The language of the invitation mail.'),
});
export const StaffInvitationAnswer = z.object({ invitation: StaffInvitationSchema });
export const StaffInvitationParams = z.object({ email: Email });
export const StaffRoleBody = z.object({ role: StaffRoleSchema });
export const AcceptStaffInvitationBody = z.object({ token: z.string().trim().min(1).max(200), password: Password });

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function memberView(staff: StaffUser): z.infer<typeof StaffMemberSchema> {
  return {
    id: staff.id, email: staff.email, name: staff.name, role: staff.role, totpEnabled: staff.totpEnabled,
    createdAt: iso(staff.createdAt)!, lastLoginAt: iso(staff.lastLoginAt), disabledAt: iso(staff.disabledAt),
  };
}

export function invitationView(invitation: StaffInvitation): z.infer<typeof StaffInvitationSchema> {
  return { email: invitation.email, name: invitation.name, role: invitation.role, invitedAt: iso(invitation.invitedAt)!, expiresAt: iso(invitation.expiresAt)! };
}
