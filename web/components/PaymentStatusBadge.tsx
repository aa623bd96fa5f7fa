import { badgeTone } from '@/lib/paymentFormat';
import { paymentTexts } from '@/lib/i18n/payments';
import type { Lang } from '@/lib/i18n';
import styles from './Payments.module.css';

/** A payment's status as a coloured label (the text says it too, the colour only helps). */
export function PaymentStatusBadge({ status, lang }: { status: string; lang: Lang }) {
  return (
    <span className={`${styles.badge} ${styles[badgeTone(status)]}`} data-testid="payment-status" data-status={status}>
      {paymentTexts[lang].status[status] ?? status}
    </span>
  );
}
