// The short fuzzing run inside `make test` (fixed seed, a few mutations per operation); `make fuzz` runs every
// mutation with several seeds. See web/e2e/fuzz/.
import { check, runScenario } from './harness.mjs';
import { campaign, print } from './fuzz/campaign.mjs';

await runScenario(async () => {
  await check('fuzzing every operation (seed 20261205): no 5xx, problem+json, no leak, refused requests change nothing',
    async () => print(await campaign({ seed: 20261205, limit: 12 })));
});
