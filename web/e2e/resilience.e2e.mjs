// The short, fixed-size run of the crash scenarios inside `make test` (`make chaos` runs them larger; see
// web/e2e/chaos/): a service killed with SIGKILL in the middle of the core flow is started again by the launcher,
// and every effect happens exactly once.
import { check, runScenario } from './harness.mjs';
import { notificationCrash, paymentCrash } from './chaos/scenarios.mjs';

await runScenario(async () => {
  await check('notification-service killed with emails on their way: each is delivered exactly once', () =>
    notificationCrash({ count: 15 }));
  await check('payment-service killed right after the webhook: confirmed once, one email each', () =>
    paymentCrash({ count: 3 }));
});
