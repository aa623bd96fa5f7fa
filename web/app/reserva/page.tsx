import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { captchaSettings, PROVIDERS } from '@/lib/captcha';
import { BookingFlow } from '@/components/booking/BookingFlow';
import { bookingTexts } from '@/lib/i18n/booking';
import { localized } from '@/lib/i18n';
import { getLang } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: localized(bookingTexts, await getLang()).flow.title };
}

export default async function ReservaPage() {
  // The CAPTCHA's script carries this response's nonce (proxy.ts) like Next.js's own scripts.
  const captcha = captchaSettings(process.env);
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    <>
      {captcha && <script src={PROVIDERS[captcha.provider].script} async defer nonce={nonce} />}
      <BookingFlow lang={await getLang()} captcha={captcha} />
    </>
  );
}
