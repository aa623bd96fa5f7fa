// `make chaos`: every crash scenario at full size, one after another, against the platform that
// web/e2e/with-platform.sh started (it runs this file when E2E_SUITE=chaos).
import { check, runScenario } from '../harness.mjs';
import { bookingCrash, notificationCrash, paymentCrash } from './scenarios.mjs';

await runScenario(async () => {
  await check('kill -9 notification-service while 100 emails are on their way', () => notificationCrash({ count: 100 }));
  await check('kill -9 payment-service right after it answered 10 webhooks', () => paymentCrash({ count: 10 }));
  await check('kill -9 booking-service while 20 payment confirmations are in flight', () => bookingCrash({ count: 20 }));
});
