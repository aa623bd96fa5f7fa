// Faults injected into the platform that web/e2e/with-platform.sh started: a component killed with SIGKILL (its pid
// is in the launcher's run directory), then the wait until the launcher has started it again and the whole platform
// answers healthy. Every scenario prints what it injected, what it asked, what it expected and what it saw.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BASE_URL } from '../harness.mjs';

const STATE_DIR = process.env.E2E_STATE_DIR;

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function pidOf(component) {
  if (!STATE_DIR) throw new Error('E2E_STATE_DIR is not set: run through web/e2e/with-platform.sh');
  return Number(readFileSync(path.join(STATE_DIR, 'run', `${component}.pid`), 'utf8').trim());
}

/** kill -9: no shutdown hook, no flush, no goodbye — as a crash or the OOM killer would end it. */
export function crash(component) {
  const pid = pidOf(component);
  process.kill(pid, 'SIGKILL');
  return { pid, at: Date.now() };
}

/** Waits until the launcher has started the component again and /api/health is 200; answers the seconds taken. */
export async function awaitRecovered(component, crashed, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  let restartedAt;
  while (Date.now() < deadline) {
    let pid;
    try {
      pid = pidOf(component);
    } catch {
      pid = undefined; // between the old pid file and the new one
    }
    if (pid && pid !== crashed.pid) {
      restartedAt ??= Date.now();
      const health = await fetch(`${BASE_URL}/api/health`).then((r) => r.status).catch(() => 0);
      if (health === 200) {
        return { restartSeconds: (restartedAt - crashed.at) / 1000, recoverySeconds: (Date.now() - crashed.at) / 1000 };
      }
    }
    await sleep(500);
  }
  throw new Error(`${component} did not come back healthy within ${timeoutMs / 1000} s`);
}

/** Polls until `probe` answers truthy; answers its value. */
export async function eventually(what, probe, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await probe().catch((e) => ({ error: String(e) }));
    if (last && !last.error && last !== false) return last;
    await sleep(500);
  }
  throw new Error(`${what}: not reached within ${timeoutMs / 1000} s (last: ${JSON.stringify(last)?.slice(0, 300)})`);
}

/** Every message the dev mailbox holds for an address (no waiting). */
export async function messagesFor(to) {
  const response = await fetch(`${BASE_URL}/dev/mailbox/api/messages?to=${encodeURIComponent(to)}`);
  return response.ok ? response.json() : [];
}

export function report(rows) {
  console.log('  | ' + Object.entries(rows).map(([k, v]) => `${k}: ${v}`).join(' | '));
}
