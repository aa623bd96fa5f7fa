// Copies the assets that `next build` leaves out of the standalone output,
// so that `node .next/standalone/server.js` can serve them on its own:
//   .next/static -> .next/standalone/.next/static
//   public       -> .next/standalone/public
import { cp, rm, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const standalone = path.join(root, '.next', 'standalone');

async function exists(p) {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

if (!(await exists(path.join(standalone, 'server.js')))) {
  console.error('copy-static: .next/standalone/server.js not found; is `output: "standalone"` set and did `next build` succeed?');
  process.exit(1);
}

const copies = [
  [path.join(root, '.next', 'static'), path.join(standalone, '.next', 'static')],
  [path.join(root, 'public'), path.join(standalone, 'public')],
];

for (const [from, to] of copies) {
  if (!(await exists(from))) {
    console.log(`copy-static: skipped ${path.relative(root, from)} (not present)`);
    continue;
  }
  await rm(to, { recursive: true, force: true });
  await cp(from, to, { recursive: true });
  console.log(`copy-static: ${path.relative(root, from)} -> ${path.relative(root, to)}`);
}
