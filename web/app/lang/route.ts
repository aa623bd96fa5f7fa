import type { NextRequest } from 'next/server';
import { DEFAULT_LANG, isLang, LANG_COOKIE, LANG_COOKIE_MAX_AGE } from '@/lib/i18n';

/**
 * Language switch: `GET /lang?set=en&next=/some/path`
 * Stores the choice in the `lang` cookie and sends the visitor back to `next`.
 * Works without JavaScript (plain links in the header point here).
 */
export function GET(request: NextRequest) {
  const params = request.nextUrl.searchParams;
  const requested = params.get('set');
  const lang = isLang(requested) ? requested : DEFAULT_LANG;
  const next = safeLocalPath(params.get('next'));

  const cookie = [
    `${LANG_COOKIE}=${lang}`,
    'Path=/',
    `Max-Age=${LANG_COOKIE_MAX_AGE}`,
    'SameSite=Lax',
  ].join('; ');

  // A relative Location keeps the visitor on the public origin (the gateway),
  // whatever host name this server sees internally.
  return new Response(null, {
    status: 303,
    headers: {
      Location: next,
      'Set-Cookie': cookie,
      'Cache-Control': 'no-store',
    },
  });
}

/** Only same-site paths are accepted, to avoid open redirects. */
function safeLocalPath(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return '/';
  }
  if (/[\u0000-\u001f\u007f]/.test(value)) {
    return '/';
  }
  return value;
}
