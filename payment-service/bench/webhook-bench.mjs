// Webhook-to-confirmed benchmark: signed `checkout.session.completed` events at a fixed rate through the gateway,
// then, from the databases, the time from the webhook's arrival to (a) the consultation confirmed in booking-service
// and (b) the patient's confirmation email queued in notification-service.
//
//   node payment-service/bench/webhook-bench.mjs [--base http://localhost:8080] [--rate 50] [--seconds 30]
//        [--warmup-seconds 10] [--specialty Bench] [--webhook-secret whsec_telemed_dev]
//        [--pg "host=localhost port=5432 user=telemed dbname=telemed"]
//
// Needs the platform in local mode with the sandbox checkout (no STRIPE_SECRET_KEY), bookable doctors of the
// specialty (booking-service/bench/seed-doctors.sql), `psql` on the PATH (PGPASSWORD in the environment), and the
// gateway's booking and checkout limits raised for the run (see docs/benchmarks.md).
//
// Open loop: webhooks start at the offered rate whatever the answers do. The clocks compared are the database's:
// payment.stripe_events.received_at (the webhook's transaction), booking.outbox.created_at of
// consultation.confirmed (the confirming transaction) and notification.messages.created_at of the confirmation
// email (the transaction that queued it).
import { createHmac } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({
  options: {
    base: { type: 'string', default: process.env.BASE_URL || 'http://localhost:8080' },
    rate: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '30' },
    'warmup-seconds': { type: 'string', default: '10' },
    specialty: { type: 'string', default: 'Bench' },
    'webhook-secret': { type: 'string', default: process.env.STRIPE_WEBHOOK_SECRET || 'whsec_telemed_dev' },
    pg: { type: 'string', default: process.env.BENCH_PG || 'host=localhost port=5432 user=telemed dbname=telemed' },
    concurrency: { type: 'string', default: '16' },
  },
});
const base = opts.base.replace(/\/+$/, '');
const rate = Number(opts.rate);
const seconds = Number(opts.seconds);
const warmup = Number(opts['warmup-seconds']);
const run = Date.now().toString(36);

async function call(method, path, body, headers = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    body: typeof body === 'string' ? body : body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  let parsed;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: response.status, body: parsed };
}

function sql(query) {
  return execFileSync('psql', [opts.pg, '-At', '-F', '\t', '-c', query], { encoding: 'utf8' }).trim();
}

/** Free slots of the specialty's doctors, far enough ahead for any notice rule. */
async function slotPool(count) {
  const doctors = (await call('GET', `/api/v1/consultations/public/doctors?specialty=${encodeURIComponent(opts.specialty)}`)).body;
  if (!Array.isArray(doctors) || doctors.length === 0) throw new Error(`no doctors of specialty ${opts.specialty}`);
  const from = new Date(Date.now() + 3 * 3600_000);
  const to = new Date(from.getTime() + 55 * 86400_000);
  const pool = [];
  for (const d of doctors) {
    const r = await call('GET', `/api/v1/consultations/public/doctors/${d.id}/slots?from=${from.toISOString()}&to=${to.toISOString()}`);
    for (const s of r.body?.slots ?? []) pool.push({ doctorId: d.id, startsAt: s.starts_at });
    if (pool.length >= count) break;
  }
  if (pool.length < count) throw new Error(`only ${pool.length} free slots for ${count} payments: seed more doctors`);
  return pool.slice(0, count);
}

/** A consultation booked and its sandbox checkout opened: what a real patient has before paying. */
async function prepare(slot, n) {
  const email = `pay-${run}-${n}@bench.telemed.test`;
  const booked = await call('POST', '/api/v1/consultations/public/book', {
    doctor_id: slot.doctorId, scheduled_at: slot.startsAt, full_name: `Bench Patient ${n}`, email,
    phone: '+34600000000', locale: 'es', timezone: 'Europe/Madrid',
  });
  if (booked.status !== 201) throw new Error(`book: HTTP ${booked.status} ${JSON.stringify(booked.body)}`);
  const b = booked.body;
  for (let tries = 0; ; tries++) {
    const checkout = await call('POST', '/api/v1/payments/checkout-session', {
      consultation_id: b.consultation_id, checkout_token: b.next_step.checkout_token,
      success_url: `${base}/reserva/pago/exito`, cancel_url: `${base}/reserva/pago/cancelado`,
    });
    if (checkout.status === 200 || checkout.status === 201) {
      return { consultationId: b.consultation_id, amount: b.amount, currency: b.currency, sessionId: checkout.body.session_id };
    }
    if (tries > 20) throw new Error(`checkout: HTTP ${checkout.status} ${JSON.stringify(checkout.body)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function prepareAll(slots) {
  const ready = [];
  let next = 0;
  async function worker() {
    while (next < slots.length) {
      const n = next++;
      ready[n] = await prepare(slots[n], n);
    }
  }
  await Promise.all(Array.from({ length: Number(opts.concurrency) }, worker));
  return ready;
}

function signedCompletion(p, n) {
  const created = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({
    id: `evt_bench_${run}_${n}`, object: 'event', type: 'checkout.session.completed', created, livemode: false,
    data: { object: {
      id: p.sessionId, object: 'checkout.session', status: 'complete', payment_status: 'paid',
      amount_total: p.amount, currency: p.currency, payment_intent: `pi_bench_${run}_${n}`,
      metadata: { consultation_id: String(p.consultationId) },
    } },
  });
  const signature = createHmac('sha256', opts['webhook-secret']).update(`${created}.${body}`).digest('hex');
  return { body, header: `t=${created},v1=${signature}` };
}

/** Sends one webhook per prepared payment at the offered rate; returns the HTTP answers. */
async function offer(payments, perSecond, label) {
  const statuses = {};
  const started = performance.now();
  const inFlight = payments.map((p, n) => new Promise((resolve) => {
    setTimeout(async () => {
      const { body, header } = signedCompletion(p, `${label}_${n}`);
      const r = await call('POST', '/api/v1/payments/webhook', body, { 'stripe-signature': header })
        .catch(() => ({ status: 'error' }));
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      resolve();
    }, (n * 1000) / perSecond);
  }));
  await Promise.all(inFlight);
  return { statuses, seconds: (performance.now() - started) / 1000 };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function latencies(label, count) {
  const query = `
    select extract(epoch from (c.created_at - e.received_at)) * 1000,
           extract(epoch from (m.created_at - e.received_at)) * 1000
      from payment.stripe_events e
      join payment.payments p on p.id = e.payment_id
      join booking.outbox c on c.event_type = 'consultation.confirmed' and c.aggregate_id = p.consultation_id::text
      join notification.messages m on m.event_id = c.event_id and m.template = 'booking-confirmation'
     where e.event_id like 'evt_bench_${run}_${label}_%'`;
  let rows = [];
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    rows = sql(query).split('\n').filter(Boolean).map((line) => line.split('\t').map(Number));
    if (rows.length >= count) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const stats = (values) => {
    const sorted = values.sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) };
  };
  return { complete: rows.length, confirmed: stats(rows.map((r) => r[0])), queued: stats(rows.map((r) => r[1])) };
}

const warmupCount = Math.round(rate * warmup);
const measuredCount = Math.round(rate * seconds);
console.log(`preparing ${warmupCount + measuredCount} booked consultations with open checkouts...`);
const slots = await slotPool(warmupCount + measuredCount);
const prepared = await prepareAll(slots);
console.log(`prepared; warm-up: ${warmupCount} webhooks at ${rate}/s`);
await offer(prepared.slice(0, warmupCount), rate, 'w');
await new Promise((r) => setTimeout(r, 5000));
console.log(`measuring: ${measuredCount} webhooks at ${rate}/s`);
const offered = await offer(prepared.slice(warmupCount), rate, 'm');
const result = await latencies('m', measuredCount);
const f = (v) => (v === undefined ? '-' : `${Math.round(v)} ms`);
console.log(`webhook answers: ${JSON.stringify(offered.statuses)} in ${offered.seconds.toFixed(1)} s`);
console.log(`complete chains: ${result.complete}/${measuredCount}`);
console.log(`received → confirmed:   p50 ${f(result.confirmed.p50)}  p95 ${f(result.confirmed.p95)}  p99 ${f(result.confirmed.p99)}  max ${f(result.confirmed.max)}`);
console.log(`received → email queued: p50 ${f(result.queued.p50)}  p95 ${f(result.queued.p95)}  p99 ${f(result.queued.p99)}  max ${f(result.queued.max)}`);
