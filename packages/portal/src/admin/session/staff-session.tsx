import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { HttpClient } from '../../shared/api/http-client.ts';
import { useSessionState, type SessionStatus } from '../../shared/api/use-session-state.ts';
import { adminApi, type AdminApi, type StaffSession } from '../api/admin-api.ts';


export interface StaffSessionValue {
  api: AdminApi;
  status: SessionStatus;
  session: StaffSession | null;
  signedIn(session: StaffSession): void;
  logOut(): Promise<void>;
}

const Context = createContext<StaffSessionValue | null>(null);

/** The signed-in staff member and the CSRF token every change sends, as the portal's session provider keeps its user's. */
export function StaffSessionProvider({ http, children }: { http: HttpClient; children: ReactNode }) {
  const api = useMemo(() => adminApi(http), [http]);
  const { status, session, signedIn, logOut } = useSessionState(http, api);
  const value = useMemo(() => ({ api, status, session, signedIn, logOut }), [api, status, session, signedIn, logOut]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useStaffSession(): StaffSessionValue {
  const value = useContext(Context);
  if (!value) throw new Error('useStaffSession needs a StaffSessionProvider');
  return value;
}

/** Whether the staff member may change things at all; the server decides per action. */
export function useCanChange(): boolean {
  return useStaffSession().session?.staff.role !== 'read_only';
}
