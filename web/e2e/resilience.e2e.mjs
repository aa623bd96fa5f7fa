// The short, fixed-size run of the fault scenarios inside `make test` (`make chaos` runs them larger; see
// web/e2e/chaos/): a service killed with SIGKILL in the middle of the core flow is started again by the launcher,
// the broker and the database stopped for a while come back, and every effect happens exactly once.
import { check, runScenario } from './harness.mjs';
import { brokerOutage, databaseOutage } from './chaos/outages.mjs';
import { notificationCrash, paymentCrash } from './chaos/scenarios.mjs';

await runScenario(async () => {
  await check('notification-service killed with emails on their way: each is delivered exactly once', () =>
    notificationCrash({ count: 15 }));
  await check('payment-service killed right after the webhook: confirmed once, one email each', () =>
    paymentCrash({ count: 3 }));
  await check('Kafka stopped 20 s while patients pay and book: all confirmed once, nothing dead-lettered', () =>
    brokerOutage({ seconds: 20, paidDuring: 3, bookedDuring: 3 }));
  await check('PostgreSQL stopped 15 s: 503 with Retry-After, health down and up, nothing half-written', () =>
    databaseOutage({ seconds: 15 }));
});
