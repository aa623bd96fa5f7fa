// The optional CAPTCHA on the public booking form (Cloudflare Turnstile or hCaptcha), configured by environment
// like booking-service's check: TELEMED_CAPTCHA_PROVIDER and the public TELEMED_CAPTCHA_SITE_KEY. Never in local
// mode. No framework imports: read on the server (page, proxy) and unit-tested with plain Node.

export type CaptchaProvider = 'turnstile' | 'hcaptcha';

export interface CaptchaSettings {
  provider: CaptchaProvider;
  siteKey: string;
}

/** What the widget needs per provider: its script, the hosts it loads from, the class and the token field. */
export const PROVIDERS: Record<CaptchaProvider, { script: string; hosts: string[]; widgetClass: string; field: string }> = {
  turnstile: {
    script: 'https://challenges.cloudflare.com/turnstile/v0/api.js',
    hosts: ['https://challenges.cloudflare.com'],
    widgetClass: 'cf-turnstile',
    field: 'cf-turnstile-response',
  },
  hcaptcha: {
    script: 'https://js.hcaptcha.com/1/api.js',
    hosts: ['https://hcaptcha.com', 'https://*.hcaptcha.com'],
    widgetClass: 'h-captcha',
    field: 'h-captcha-response',
  },
};

/** The settings from `env`, or null when the CAPTCHA is off (unset, unknown provider, no key, local mode). */
export function captchaSettings(env: Record<string, string | undefined>): CaptchaSettings | null {
  if ((env.TELEMED_LOCAL_MODE ?? '').trim().toLowerCase() === 'true') return null;
  const provider = (env.TELEMED_CAPTCHA_PROVIDER ?? '').trim().toLowerCase();
  const siteKey = (env.TELEMED_CAPTCHA_SITE_KEY ?? '').trim();
  if (!(provider in PROVIDERS) || !/^[A-Za-z0-9_-]{4,100}$/.test(siteKey)) return null;
  return { provider: provider as CaptchaProvider, siteKey };
}
