// Takes the merged API document from a running platform (make dev) into web/lib/api/openapi.json and generates the
// web's API types from it (web/lib/api/schema.d.ts). Both are checked in: the browser scenarios fail when the
// running API no longer matches them, and the web build fails when the types no longer match the code using them.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SNAPSHOT = path.join(WEB, 'lib/api/openapi.json');
export const SCHEMA = path.join(WEB, 'lib/api/schema.d.ts');

/** The document with keys sorted at every level and what depends on where it runs left out, so diffs stay stable. */
export function normalise(document) {
  const { servers: _servers, ...portable } = document;
  return sortKeys(portable);
}

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys(value[key])]));
}

/** The text the snapshot file holds for a document. */
export const snapshotText = (document) => `${JSON.stringify(normalise(document), null, 2)}\n`;

async function main() {
  const base = process.env.BASE_URL || 'http://localhost:8080';
  const response = await fetch(`${base}/api/openapi.json`);
  if (!response.ok) throw new Error(`GET ${base}/api/openapi.json answered ${response.status}`);
  const document = await response.json();
  if (document['x-unavailable-services']) {
    throw new Error(`the platform is not fully up (missing: ${document['x-unavailable-services']}); try again`);
  }
  await writeFile(SNAPSHOT, snapshotText(document));
  await promisify(execFile)(path.join(WEB, 'node_modules/.bin/openapi-typescript'), [SNAPSHOT, '-o', SCHEMA], { cwd: WEB });
  console.log(`wrote ${path.relative(WEB, SNAPSHOT)} (${Object.keys(document.paths).length} paths) and ${path.relative(WEB, SCHEMA)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
