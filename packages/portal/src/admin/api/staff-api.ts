import type { HttpClient } from '../../shared/api/http-client.ts';
import type { StaffRole, StaffSession } from './admin-api.ts';

/** The console's staff accounts as owners manage them (GET /v1/admin/staff). */
export interface StaffMember {
  id: string; email: string; name: string; role: StaffRole; totpEnabled: boolean; createdAt: string; lastLoginAt: string | null; disabledAt: string | null;
}
export interface StaffInvitation { email: string; name: string; role: StaffRole; invitedAt: string; expiresAt: string }
export interface StaffList { items: StaffMember[]; invitations: StaffInvitation[] }
export interface NewStaffInvitation { email: string; name: string; role: StaffRole; locale: 'en' | 'fr' }

const q = (value: string) => encodeURIComponent(value);

/** Owners only (the server refuses the others); accepting an invitation is public. */
export function staffApi(http: HttpClient) {
  return {
    list: () => http.get<StaffList>('/v1/admin/staff'),
    invite: (invitation: NewStaffInvitation) => http.post<{ invitation: StaffInvitation }>('/v1/admin/staff/invitations', invitation),
    resendInvitation: (email: string) => http.post<{ invitation: StaffInvitation }>(`/v1/admin/staff/invitations/${q(email)}/resend`),
    cancelInvitation: (email: string) => http.delete<void>(`/v1/admin/staff/invitations/${q(email)}`),
    changeRole: (id: string, role: StaffRole) => http.patch<StaffMember>(`/v1/admin/staff/${q(id)}`, { role }),
    setDisabled: (id: string, disabled: boolean) => http.post<StaffMember>(`/v1/admin/staff/${q(id)}/${disabled ? 'disable' : 'enable'}`),
    resetTotp: (id: string) => http.post<StaffMember>(`/v1/admin/staff/${q(id)}/reset-totp`),
    acceptInvitation: (token: string, password: string) => http.post<StaffSession>('/v1/staff/invitations/accept', { token, password }),
  };
}
