// The web's Content-Security-Policy, built per response by proxy.ts with a fresh nonce: scripts run only when
// they carry that nonce (Next.js puts it on its own), or when a script that did loads them ('strict-dynamic').
// Frames only from the Jitsi domain; the site itself may be framed by no one.

export interface CspOptions {
  /** Host of the Jitsi deployment the video room embeds (JITSI_DOMAIN), e.g. meet.jit.si. */
  jitsiDomain: string;
  /** `next dev`: React's development build needs eval. */
  development: boolean;
  /** Hosts of the booking form's CAPTCHA provider, when it is on (lib/captcha.ts): its script and frames. */
  captchaHosts?: string[];
}

export const DEFAULT_JITSI_DOMAIN = 'meet.jit.si';

/** A host name only: anything else (a scheme, a path, quotes, spaces) falls back to the default. */
export function jitsiHost(value: string | undefined): string {
  const host = (value ?? '').trim().toLowerCase();
  return /^[a-z0-9.-]+(:[0-9]{1,5})?$/.test(host) ? host : DEFAULT_JITSI_DOMAIN;
}

/** 16 random bytes, base64: a new one for every response. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(nonce: string, options: CspOptions): string {
  const jitsi = `https://${jitsiHost(options.jitsiDomain)}`;
  const captcha = (options.captchaHosts ?? []).map((h) => ` ${h}`).join('');
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${captcha}${options.development ? " 'unsafe-eval'" : ''}`,
    // React writes style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${captcha}${options.development ? ' ws:' : ''}`,
    `frame-src ${jitsi}${captcha}`,
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    // Checkout forms post to Stripe (or, in local mode, to the sandbox on this origin).
    "form-action 'self' https://checkout.stripe.com",
    "frame-ancestors 'none'",
  ].join('; ');
}
