import { useCallback, useEffect, useState } from 'react';
import { ApiError, type HttpClient } from './http-client.ts';

export type SessionStatus = 'loading' | 'anonymous' | 'signed-in';

/**
 * What each app's session provider (portal, admin console) holds: the session the server answers
 * for the cookie, checked once at start; signing in keeps its CSRF token for every change; logging
 * out forgets both even when the server cannot be reached.
 */
export function useSessionState<S extends { csrfToken: string }>(http: HttpClient, api: { session(): Promise<S>; logout(): Promise<void> }) {
  const [status, setStatus] = useState<SessionStatus>('loading');
  const [session, setSession] = useState<S | null>(null);

  const signedIn = useCallback((next: S) => {
    http.setCsrfToken(next.csrfToken);
    setSession(next);
    setStatus('signed-in');
  }, [http]);

  useEffect(() => {
    api.session().then(signedIn, (error: unknown) => {
      if (!(error instanceof ApiError && error.status === 401)) console.warn('session check failed', error);
      setStatus('anonymous');
    });
  }, [api, signedIn]);

  const logOut = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      http.setCsrfToken(null);
      setSession(null);
      setStatus('anonymous');
    }
  }, [api, http]);

  return { status, session, setSession, signedIn, logOut };
}
