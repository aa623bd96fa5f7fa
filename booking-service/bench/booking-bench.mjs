// Load test of public bookings on distinct slots through the gateway (open loop: requests start at a fixed rate
// whatever the answers do, so slow answers show up in the latency instead of lowering the load).
//
//   node booking-bench.mjs [--base http://localhost:8080] [--rate 300] [--seconds 15] [--doctors 6]
//                          [--registration-token dev-registration-token] [--warmup-seconds 3] [--specialty Bench]
//
// Needs a running platform in local mode (doctors registered here get the default profile), or doctors already
// there (--specialty: book the public doctors of that specialty, e.g. those of seed-doctors.sql), and the gateway's
// booking rate limit raised for the benchmark, e.g. TELEMED_GATEWAY_RATELIMITS_BOOKING_CAPACITY=1000000 and
// TELEMED_GATEWAY_RATELIMITS_BOOKING_REFILLPERMINUTE=1000000 (production keeps 20 per minute per IP).
import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({
  options: {
    base: { type: 'string', default: process.env.BASE_URL || 'http://localhost:8080' },
    rate: { type: 'string', default: '300' },
    seconds: { type: 'string', default: '15' },
    'warmup-seconds': { type: 'string', default: '3' },
    doctors: { type: 'string', default: '8' },
    'registration-token': { type: 'string', default: process.env.REGISTRATION_TOKEN || 'dev-registration-token' },
    specialty: { type: 'string' },
  },
});
const base = opts.base.replace(/\/+$/, '');
const rate = Number(opts.rate);
const seconds = Number(opts.seconds);
const warmup = Number(opts['warmup-seconds']);

async function call(method, path, body) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json', accept: 'application/json' } : { accept: 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** Registers doctors (local mode gives each the default agenda) and collects their free slots. */
async function slotPool(count) {
  const run = Date.now();
  const specialty = opts.specialty ?? `Bench ${run}`;
  for (let i = 0; i < (opts.specialty ? 0 : count); i++) {
    const r = await call('POST', '/api/v1/auth/register-medical-professional', {
      email: `bench-${run}-${i}@bench.telemed.test`, full_name: `Dr. Bench ${i}`, license_number: `B-${run}-${i}`,
      specialty, registration_token: opts['registration-token'],
    });
    if (r.status !== 201) throw new Error(`register doctor: HTTP ${r.status}`);
  }
  let doctors = [];
  for (let tries = 0; tries < 120 && doctors.length < count; tries++) {
    doctors = (await call('GET', `/api/v1/consultations/public/doctors?specialty=${encodeURIComponent(specialty)}`)).body;
    if (opts.specialty) break;
    if (doctors.length < count) await new Promise((r) => setTimeout(r, 500));
  }
  const from = new Date(Date.now() + 2 * 3600_000);
  const to = new Date(from.getTime() + 60 * 86400_000);
  const pool = [];
  for (const d of doctors) {
    const r = await call('GET', `/api/v1/consultations/public/doctors/${d.id}/slots?from=${from.toISOString()}&to=${to.toISOString()}`);
    for (const s of r.body.slots) pool.push({ doctor: d.id, at: s.starts_at });
  }
  // Interleave doctors so consecutive requests hit different agendas, as real traffic would.
  pool.sort((a, b) => a.at.localeCompare(b.at) || a.doctor - b.doctor);
  return pool;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function phase(pool, durationSeconds, label) {
  const total = Math.round(rate * durationSeconds);
  if (pool.length < total) throw new Error(`only ${pool.length} free slots for ${total} bookings: add --doctors`);
  const latencies = [];
  const statuses = new Map();
  const started = performance.now();
  const inFlight = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const slot = pool.shift();
    const t0 = performance.now();
    inFlight.push(
      fetch(`${base}/api/v1/consultations/public/book`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({
          doctor_id: slot.doctor, scheduled_at: slot.at, full_name: 'Bench Patient', email: `p-${label}-${i}-${Date.now()}@bench.telemed.test`,
          phone: '+34 600 000 000', reason_for_visit: 'bench', locale: 'es', timezone: 'Europe/Madrid',
        }),
      })
        .then(async (r) => {
          await r.arrayBuffer();
          return r.status;
        })
        .catch(() => 0)
        .then((status) => {
          latencies.push(performance.now() - t0);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }),
    );
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    label, requests: total, seconds: Number(elapsed.toFixed(2)),
    throughput: Number(((statuses.get(201) ?? 0) / elapsed).toFixed(1)),
    statuses: Object.fromEntries(statuses),
    p50_ms: Number(percentile(latencies, 50).toFixed(1)),
    p95_ms: Number(percentile(latencies, 95).toFixed(1)),
    p99_ms: Number(percentile(latencies, 99).toFixed(1)),
    max_ms: Number(latencies[latencies.length - 1].toFixed(1)),
  };
}

const pool = await slotPool(Number(opts.doctors));
console.log(`slot pool: ${pool.length} distinct free slots`);
if (warmup > 0) console.log(JSON.stringify(await phase(pool, warmup, 'warmup')));
console.log(JSON.stringify(await phase(pool, seconds, 'measured')));
