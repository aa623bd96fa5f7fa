// Runs every browser scenario (e2e/*.e2e.mjs, in name order) one after another and sums their tallies.
// A scenario file may be named on the command line to run just that one.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.e2e.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();

let passed = 0;
let failed = 0;
const failedFiles = [];
for (const file of files) {
  console.log(`# ${file}`);
  const run = spawnSync(process.execPath, [path.join(dir, file)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  process.stdout.write(run.stdout);
  const tally = /(\d+) passed, (\d+) failed\s*$/.exec(run.stdout.trim());
  if (tally) {
    passed += Number(tally[1]);
    failed += Number(tally[2]);
  }
  if (run.status !== 0) {
    failedFiles.push(file);
    if (!tally || Number(tally[2]) === 0) failed += 1;
  }
}
console.log(`${passed} passed, ${failed} failed${failedFiles.length ? ` (in ${failedFiles.join(', ')})` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
