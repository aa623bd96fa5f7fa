// `make fuzz`: the long campaign (every mutation of every operation, three seeds) against the platform that
// web/e2e/with-platform.sh started (E2E_SUITE=fuzz). FUZZ_SEEDS overrides the seeds, e.g. FUZZ_SEEDS=7,8.
import { check, runScenario } from '../harness.mjs';
import { campaign, print } from './campaign.mjs';

const seeds = (process.env.FUZZ_SEEDS ?? '1,2,3').split(',').map(Number);

await runScenario(async () => {
  for (const seed of seeds) {
    await check(`fuzz campaign, seed ${seed}: no 5xx, problem+json, no leak, refused requests change nothing`,
      async () => print(await campaign({ seed, limit: 1000 })));
  }
});
