/**
 * The signed-in user of this browser tab: staff (after /login) or a patient (after a login link).
 *
 * Tokens are kept in sessionStorage, so they end with the tab and are never sent automatically (the API
 * wants them as a bearer header, which also rules out cross-site request forgery). The access token lives
 * 15 minutes; `authedFetch` refreshes it once on a 401 with the rotating refresh token and otherwise
 * ends the session, so a deactivated account is out at the latest when its access token expires.
 *
 * No framework imports: usable from client components and unit-testable with plain Node.
 */
import { ApiError, apiFetch, type RequestOptions } from './api';
import type { Schemas } from './api/types';

export type Role = 'it_admin' | 'medical_admin' | 'admin' | 'specialist' | 'doctor' | 'patient';

export interface Session {
  access_token: string;
  /** Absent for patient sessions opened by a login link. */
  refresh_token?: string;
  role: Role;
  /** Epoch milliseconds after which the access token is no longer accepted. */
  expires_at: number;
  /** Set while the account must change its (temporary) password before doing anything else. */
  must_change_password?: boolean;
  /** Display data only; the API never trusts it. */
  email?: string;
  full_name?: string;
}

const STORAGE_KEY = 'telemed.session';

/** Where each role lands after signing in. */
export function homeFor(role: Role): string {
  switch (role) {
    case 'it_admin':
      return '/it/medical-professionals';
    case 'medical_admin':
    case 'admin':
      return '/admin';
    case 'specialist':
    case 'doctor':
      return '/doctor';
    case 'patient':
      return '/mis-consultas';
  }
}

function storage(): Storage | undefined {
  return typeof window === 'undefined' ? undefined : window.sessionStorage;
}

export function loadSession(): Session | null {
  const raw = storage()?.getItem(STORAGE_KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as Session;
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  storage()?.setItem(STORAGE_KEY, JSON.stringify(session));
}

export function clearSession(): void {
  storage()?.removeItem(STORAGE_KEY);
}

/** The token answer of /auth/login, /auth/refresh and the patient link exchange. */
/** What sign-in, refresh and patient-login answer (an MFA step answers only `mfa_token` and `redirect_to`). */
export type TokenResponse = Schemas['TokenAnswer'];

const ROLES: readonly string[] = ['it_admin', 'medical_admin', 'admin', 'specialist', 'doctor', 'patient'] satisfies Role[];

export const isRole = (value: unknown): value is Role => typeof value === 'string' && ROLES.includes(value);

/** The session an answer opens; throws when it holds none (an MFA step, or a role this web does not know). */
export function sessionFrom(tokens: TokenResponse, now = Date.now()): Session {
  const { access_token: accessToken, expires_in: expiresIn, role } = tokens;
  if (!accessToken || expiresIn == null || !isRole(role)) throw new Error('The answer opens no session');
  return {
    access_token: accessToken,
    refresh_token: tokens.refresh_token ?? undefined,
    role,
    expires_at: now + expiresIn * 1000,
    must_change_password: tokens.must_change_password ?? undefined,
    email: tokens.email ?? undefined,
    full_name: tokens.full_name ?? undefined,
  };
}

let refreshing: Promise<Session | null> | null = null;

/** Trades the refresh token for new tokens once, however many requests ask at the same time. */
export function refreshSession(options: Pick<RequestOptions, 'fetch'> = {}): Promise<Session | null> {
  const current = loadSession();
  if (!current?.refresh_token) return Promise.resolve(null);
  refreshing ??= apiFetch<TokenResponse>('/auth/refresh', {
    method: 'POST',
    body: { refresh_token: current.refresh_token },
    fetch: options.fetch,
  })
    .then((tokens) => {
      const next = { ...current, ...sessionFrom(tokens) };
      saveSession(next);
      return next;
    })
    .catch(() => {
      clearSession();
      return null;
    })
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/**
 * An API call as the signed-in user. Throws `ApiError` with status 401 when there is no session or it
 * could not be renewed (the caller sends the user to /login).
 */
export async function authedFetch<T = unknown>(path: string, options: RequestOptions = {}): Promise<T> {
  let session = loadSession();
  if (!session) throw new ApiError({ status: 401, title: 'Not signed in' });
  if (session.expires_at - 10_000 < Date.now() && session.refresh_token) {
    session = await refreshSession(options);
    if (!session) throw new ApiError({ status: 401, title: 'Session expired' });
  }
  try {
    return await apiFetch<T>(path, { ...options, token: session.access_token });
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401 || !session.refresh_token) throw error;
    const renewed = await refreshSession(options);
    if (!renewed) throw error;
    return apiFetch<T>(path, { ...options, token: renewed.access_token });
  }
}

/** Ends the session here and, for staff, revokes the refresh token's family on the server. */
export async function signOut(options: Pick<RequestOptions, 'fetch'> = {}): Promise<void> {
  const session = loadSession();
  clearSession();
  if (session?.refresh_token) {
    await apiFetch('/auth/logout', {
      method: 'POST',
      body: { refresh_token: session.refresh_token },
      token: session.access_token,
      fetch: options.fetch,
    }).catch(() => undefined);
  }
}
