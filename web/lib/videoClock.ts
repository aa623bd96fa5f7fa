// Time and address helpers of the video page, free of imports so that plain Node can unit-test them.

/** Milliseconds until `at`, by the server's clock (`serverTime` read at `readAt` on this clock). */
export function msUntil(at: string, serverTime: string, readAt: number, now = Date.now()): number {
  const skew = new Date(serverTime).getTime() - readAt;
  return new Date(at).getTime() - (now + skew);
}

/** `h:mm:ss` or `m:ss` for a countdown; never negative. */
export function countdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/** The External API script of a Jitsi host (a host name only, as the API gives it). */
export function externalApiUrl(domain: string): string {
  if (!/^[a-z0-9.-]+(:[0-9]{1,5})?$/i.test(domain)) throw new Error(`Not a Jitsi host: ${domain}`);
  return `https://${domain}/external_api.js`;
}
