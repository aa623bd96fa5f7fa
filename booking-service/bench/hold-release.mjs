// Reproduces the "abandoned checkouts block slots" incident on a running platform (make dev) and checks it is
// gone: books N free slots of one doctor straight on booking-service (the gateway's per-IP limit is not what is
// measured), lets the holds run out (moves hold_expires_at into the past, as 30 minutes would), waits for the
// sweeper, then checks that every hold was released and that every slot books again.
//
//   node booking-service/bench/hold-release.mjs [--holds 160] [--booking http://localhost:8082]
//        [--psql "psql -h localhost -U telemed telemed"]   (PGPASSWORD=telemed for make dev)
import { execSync } from 'node:child_process';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
  a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs, []));
const booking = args.booking ?? 'http://localhost:8082';
const holds = Number(args.holds ?? 160);
const psql = args.psql ?? 'psql -h localhost -U telemed telemed';
const sweepSeconds = Number(args['sweep-seconds'] ?? 15);

const sql = (query) => execSync(`${psql} -tA -c "${query.replace(/"/g, '\\"')}"`,
  { env: { PGPASSWORD: 'telemed', ...process.env } }).toString().trim();

async function json(url, init) {
  const response = await fetch(url, init);
  return { status: response.status, body: await response.json().catch(() => null) };
}

async function book(doctor, startsAt, tag) {
  return json(`${booking}/api/v1/consultations/public/book`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ doctor_id: doctor, scheduled_at: startsAt, full_name: 'Paciente Prueba',
      email: `hold-${tag}-${Date.now()}-${Math.random().toString(36).slice(2)}@example.test`, phone: '+34600000000',
      reason_for_visit: 'Prueba', locale: 'es', timezone: 'Europe/Madrid' }),
  });
}

const doctors = (await json(`${booking}/api/v1/consultations/public/doctors`)).body;
const doctor = doctors[0];
const from = new Date(Date.now() + 2 * 86400000).toISOString();
const to = new Date(Date.now() + 40 * 86400000).toISOString();
const slots = (await json(`${booking}/api/v1/consultations/public/doctors/${doctor.id}/slots?from=${from}&to=${to}`))
  .body.slots.slice(0, holds).map((s) => s.starts_at);
if (slots.length < holds) throw new Error(`only ${slots.length} free slots for ${doctor.full_name}`);

const ids = [];
for (const at of slots) {
  const answer = await book(doctor.id, at, 'first');
  if (answer.status !== 201) throw new Error(`booking ${at}: ${answer.status} ${JSON.stringify(answer.body)}`);
  ids.push(answer.body.consultation_id);
}
console.log(`booked ${ids.length} holds for ${doctor.full_name} (doctor ${doctor.id})`);

sql(`update booking.consultations set hold_expires_at = now() - interval '1 second' where id in (${ids.join(',')})`);
const expiredAt = Date.now();
let pending = ids.length;
while (pending > 0 && Date.now() - expiredAt < (sweepSeconds * 2 + 30) * 1000) {
  await new Promise((r) => setTimeout(r, 500));
  pending = Number(sql(`select count(*) from booking.consultations where id in (${ids.join(',')})
                         and status = 'pending_payment'`));
}
const releasedAfter = ((Date.now() - expiredAt) / 1000).toFixed(1);
const idle = sql(`select count(*) from pg_stat_activity where state like 'idle in transaction%'
                  and now() - state_change > interval '5 seconds'`);
console.log(`${ids.length - pending} of ${ids.length} holds released ${releasedAfter} s after they expired `
  + `(sweep interval ${sweepSeconds} s); sessions idle in a transaction for more than 5 s: ${idle}`);

let rebooked = 0;
for (const at of slots) {
  if ((await book(doctor.id, at, 'again')).status === 201) rebooked++;
}
console.log(`${rebooked} of ${slots.length} slots booked again`);
process.exit(pending === 0 && rebooked === slots.length && idle === '0' ? 0 : 1);
