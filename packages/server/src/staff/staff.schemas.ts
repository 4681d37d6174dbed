import { z } from 'zod';
import { Email, Password, PersonName } from '../portal-auth/portal-auth.schemas.ts';
import { staffChanges } from './staff-roles.ts';

export const StaffRoleSchema = z.enum(['owner', 'support', 'read_only']);
const TotpCode = z.string().trim().regex(/^\d{6}$/, 'must be the 6 digits of your authenticator app');

export const StaffLogonBody = z.object({ email: Email, password: z.string().min(1).max(256), totp: TotpCode.optional() });
export const TotpConfirmBody = z.object({ code: TotpCode });
export const NewStaffBody = z.object({ email: Email, name: PersonName, role: StaffRoleSchema, password: Password });

export const StaffSchema = z.object({
  id: z.string(), email: z.string(), name: z.string(), role: StaffRoleSchema, totpEnabled: z.boolean(),
  createdAt: z.string(), lastLoginAt: z.string().nullable(),
});

export const StaffSessionSchema = z.object({
  staff: StaffSchema,
  csrfToken: z.string().describe('Send it back as the x-csrf-token header with every change made with this session.'),
  changes: z.union([z.literal('all'), z.array(z.string())])
    .describe('The changes the role may make: all, or these routes ("POST /v1/admin/licenses/:id/suspend"...); none for read_only. Staff accounts are owners\' only.'),
});

export const TotpEnrolmentSchema = z.object({
  secret: z.string().describe('Base32; enter it in an authenticator app, or scan the otpauth URI as a QR code.'),
  otpauthUri: z.string(),
});

export const DashboardSchema = z.object({
  activeLicenses: z.number(),
  activations: z.number().describe('Computers holding a seat now.'),
  checkInsToday: z.number().describe('Computers that checked in since midnight UTC.'),
  failedCheckInsToday: z.number(),
  resetsThisWeek: z.number().describe('Resets in the last 7 days, by customers and staff.'),
  resourcesInWarning: z.number().describe('Integration-reported resources missing, unreachable or not synchronised.'),
});

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function staffView(staff: { id: string; email: string; name: string; role: z.infer<typeof StaffRoleSchema>; totpEnabled: boolean; createdAt: number; lastLoginAt: number | null }) {
  return { id: staff.id, email: staff.email, name: staff.name, role: staff.role, totpEnabled: staff.totpEnabled, createdAt: iso(staff.createdAt)!, lastLoginAt: iso(staff.lastLoginAt) };
}

export function sessionView(staff: Parameters<typeof staffView>[0], csrfToken: string): z.infer<typeof StaffSessionSchema> {
  const changes = staffChanges(staff.role);
  return { staff: staffView(staff), csrfToken, changes: changes === 'all' ? 'all' : [...changes] };
}
