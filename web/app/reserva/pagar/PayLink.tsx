'use client';

import Link from 'next/link';
import { useState } from 'react';
import { Notice, Page, ui } from '@/components/ui';
import { isApiError } from '@/lib/api';
import type { Lang } from '@/lib/i18n';
import { checkoutReturnUrls, createCheckout } from '@/lib/payments';

const texts = {
  es: {
    title: 'Pagar tu consulta',
    lead: 'Tu médico ha reservado una consulta para ti. Al pagar, queda confirmada y recibirás la confirmación por correo.',
    pay: 'Ir al pago',
    paying: 'Abriendo el pago…',
    invalid: 'Este enlace de pago no es válido.',
    expired: 'Este enlace ya no sirve: la reserva caducó o ya está pagada. Puedes reservar de nuevo.',
    book: 'Reservar una consulta',
  },
  en: {
    title: 'Pay for your consultation',
    lead: 'Your doctor booked a consultation for you. Once paid it is confirmed and you get the confirmation by email.',
    pay: 'Go to payment',
    paying: 'Opening the payment…',
    invalid: 'This payment link is not valid.',
    expired: 'This link no longer works: the booking expired or is already paid. You can book again.',
    book: 'Book a consultation',
  },
};

/** The payment link emailed when a doctor books a consultation paid online: opens that consultation's checkout. */
export function PayLink({ lang, consultationId, token }: { lang: Lang; consultationId: number | null; token: string }) {
  const t = texts[lang];
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(consultationId && token ? null : t.invalid);

  async function pay() {
    if (!consultationId) return;
    setBusy(true);
    try {
      const session = await createCheckout({
        consultation_id: consultationId,
        checkout_token: token,
        ...checkoutReturnUrls(window.location.origin),
      });
      window.location.assign(session.checkout_url);
    } catch (e) {
      setError(isApiError(e) && (e.status === 404 || e.status === 403) ? t.invalid : t.expired);
      setBusy(false);
    }
  }

  return (
    <Page aria-labelledby="pay-title">
      <h1 id="pay-title" className={ui.title}>{t.title}</h1>
      <p className={ui.lead}>{t.lead}</p>
      {error && <Notice kind="error">{error}</Notice>}
      {!error && (
        <div className={ui.actions}>
          <button type="button" className="btn btn--primary btn--lg" onClick={pay} disabled={busy} data-testid="pay-link">
            {busy ? t.paying : t.pay}
          </button>
        </div>
      )}
      {error && <p><Link href="/reserva">{t.book}</Link></p>}
    </Page>
  );
}
