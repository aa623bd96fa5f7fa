import { NextResponse, type NextRequest } from 'next/server';
import { captchaSettings, PROVIDERS } from '@/lib/captcha';
import { contentSecurityPolicy, newNonce } from '@/lib/csp';

/**
 * A Content-Security-Policy with a fresh nonce on every page (pages are rendered per request: the root layout
 * reads the language cookie). Next.js reads the policy from the request headers and puts the nonce on its scripts;
 * the browser gets the same policy. The gateway in front adds Permissions-Policy and HSTS.
 */
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const captcha = captchaSettings(process.env);
  const policy = contentSecurityPolicy(nonce, {
    jitsiDomain: process.env.JITSI_DOMAIN ?? '',
    development: process.env.NODE_ENV === 'development',
    captchaHosts: captcha ? PROVIDERS[captcha.provider].hosts : [],
  });
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: not static assets, not prefetches (their scripts come with the page that asked for them).
      source: '/((?!_next/static|_next/image|favicon.ico|icon.svg).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
