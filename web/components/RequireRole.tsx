'use client';

import { useEffect, useState, type ReactNode } from 'react';
import { loadSession, type Role, type Session } from '@/lib/session';

/**
 * Renders its children only for a signed-in user with one of `roles`; anyone else is sent to `loginPath`
 * with `?next=` set to come back. The services check the token again on every call: this only keeps
 * people away from screens they cannot use.
 */
export function RequireRole({
  roles,
  children,
  loginPath = '/login',
  pending = null,
}: {
  roles: readonly Role[];
  children: (session: Session) => ReactNode;
  loginPath?: string;
  pending?: ReactNode;
}) {
  const [session, setSession] = useState<Session | null>(null);

  useEffect(() => {
    const current = loadSession();
    if (!current || current.must_change_password || !roles.includes(current.role)) {
      const next = window.location.pathname + window.location.search;
      window.location.replace(`${loginPath}?next=${encodeURIComponent(next)}`);
      return;
    }
    setSession(current);
  }, [roles, loginPath]);

  return session ? <>{children(session)}</> : <>{pending}</>;
}
