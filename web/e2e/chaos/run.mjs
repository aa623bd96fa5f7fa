// `make chaos`: every fault scenario at full size, one after another, against the platform that
// web/e2e/with-platform.sh started (it runs this file when E2E_SUITE=chaos). Arguments pick scenarios by name.
import { check, runScenario } from '../harness.mjs';
import { brokerOutage, databaseOutage } from './outages.mjs';
import { bookingCrash, notificationCrash, paymentCrash } from './scenarios.mjs';

const scenarios = [
  ['notification', 'kill -9 notification-service while 100 emails are on their way', () => notificationCrash({ count: 100 })],
  ['payment', 'kill -9 payment-service right after it answered 10 webhooks', () => paymentCrash({ count: 10 })],
  ['booking', 'kill -9 booking-service while 20 payment confirmations are in flight', () => bookingCrash({ count: 20 })],
  ['kafka', 'Kafka stopped 60 s while 10 patients pay and 10 book', () => brokerOutage({ seconds: 60, paidDuring: 10, bookedDuring: 10 })],
  ['postgres', 'PostgreSQL stopped 30 s: 503 with Retry-After, health down and up, nothing half-written', () => databaseOutage({ seconds: 30 })],
];
const wanted = process.argv.slice(2);

await runScenario(async () => {
  for (const [name, title, run] of scenarios) {
    if (wanted.length === 0 || wanted.some((w) => name.startsWith(w))) await check(title, run);
  }
});
