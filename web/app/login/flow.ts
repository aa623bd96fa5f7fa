/**
 * What happens after each answer of the sign-in API: store the session, or go to the next step (forced password
 * change, TOTP code, TOTP enrolment), or land on the role's home (or the page that asked for sign-in).
 */
import { homeFor, saveSession, sessionFrom, type Role, type TokenResponse } from '@/lib/session';

/** The MFA challenge waits here between the password and the code (it is not a session). */
export const MFA_CHALLENGE_KEY = 'telemed.mfa-challenge';

export type SignInAnswer = TokenResponse;

/** Only same-site paths: `?next=` must never send anyone to another site. */
export function safeNext(next: string | undefined | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  return next;
}

/** Where to go now, after storing whatever the answer allows. */
export function afterSignIn(answer: SignInAnswer, next: string | null): string {
  if (answer.mfa_required && answer.mfa_token) {
    window.sessionStorage.setItem(MFA_CHALLENGE_KEY, answer.mfa_token);
    return withNext('/login/mfa', next);
  }
  const session = sessionFrom(answer);
  saveSession(session);
  if (answer.must_change_password) return withNext('/login/cambiar-contrasena', next);
  if (answer.mfa_enrollment_required) return withNext('/login/mfa/activar', next);
  const home = answer.redirect_to || homeFor(session.role);
  return next && allowedFor(session.role, next) ? next : home;
}

function withNext(path: string, next: string | null): string {
  return next ? `${path}?next=${encodeURIComponent(next)}` : path;
}

/** Pages shared by roles outside their own area: the consultation's video room (its doctor and its patient). */
const SHARED_PAGES: Partial<Record<Role, string[]>> = {
  doctor: ['/video-room'],
  specialist: ['/video-room'],
  patient: ['/video-room'],
};

/**
 * `next` is honoured only inside the role's own area (so a doctor is never bounced to the IT panel), or on a page
 * that role shares with others.
 */
function allowedFor(role: Role, next: string): boolean {
  const area = homeFor(role).split('/')[1];
  const path = next.split(/[?#]/)[0];
  return next.split('/')[1] === area || (SHARED_PAGES[role] ?? []).includes(path);
}
