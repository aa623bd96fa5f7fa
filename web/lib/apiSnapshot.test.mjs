// The checked-in API snapshot is normalised, and the checked-in types are exactly what openapi-typescript makes of it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { SNAPSHOT, SCHEMA, normalise, snapshotText } from '../scripts/api-snapshot.mjs';

test('normalise sorts keys at every level and leaves out the servers (they name the host it ran on)', () => {
  const document = { servers: [{ url: 'http://localhost:8080' }], paths: { '/b': { get: { z: 1, a: [{ y: 1, x: 2 }] } }, '/a': {} } };
  assert.equal(JSON.stringify(normalise(document)), '{"paths":{"/a":{},"/b":{"get":{"a":[{"x":2,"y":1}],"z":1}}}}');
});

test('the checked-in snapshot is already normalised', async () => {
  const text = await readFile(SNAPSHOT, 'utf8');
  assert.equal(snapshotText(JSON.parse(text)), text);
});

test('schema.d.ts is generated from the checked-in snapshot, unedited', async () => {
  const out = path.join(await mkdtemp(path.join(tmpdir(), 'telemed-types-')), 'schema.d.ts');
  const bin = path.join(path.dirname(SNAPSHOT), '../../node_modules/.bin/openapi-typescript');
  await promisify(execFile)(bin, [SNAPSHOT, '-o', out]);
  assert.equal(await readFile(out, 'utf8'), await readFile(SCHEMA, 'utf8'), 'run make api-types and commit web/lib/api/');
});
