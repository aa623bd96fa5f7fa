// Login storm against a running auth-service: first the health endpoints alone (baseline, `seconds`/2), then
// `concurrency` clients sign in over and over for `seconds` while the same probe asks the health endpoints every
// 50 ms. Prints throughput and latency percentiles as JSON.
//   node login-storm.mjs <auth base url> <email> <password> <concurrency> <seconds> <health url>...
const [authUrl, email, password, concurrencyArg, secondsArg, ...healthUrls] = process.argv.slice(2);
const concurrency = Number(concurrencyArg ?? 8);
const seconds = Number(secondsArg ?? 20);

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(latencies) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (v) => (v === null ? null : Math.round(v * 10) / 10);
  return {
    count: sorted.length,
    p50_ms: round(percentile(sorted, 50)),
    p90_ms: round(percentile(sorted, 90)),
    p99_ms: round(percentile(sorted, 99)),
    max_ms: round(sorted.at(-1) ?? null),
  };
}

async function timed(url, init) {
  const start = performance.now();
  const response = await fetch(url, init);
  await response.arrayBuffer();
  return { ms: performance.now() - start, status: response.status };
}

const body = JSON.stringify({ email, password });
const login = () =>
  timed(`${authUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

// Warm-up: JIT, connection pools.
for (let i = 0; i < 10; i++) await login();

let deadline = performance.now() + (seconds / 2) * 1000;
const baseline = Object.fromEntries(healthUrls.map((url) => [url, []]));
await Promise.all(healthUrls.map((url) => probe(url, baseline)));

deadline = performance.now() + seconds * 1000;
const loginLatencies = [];
const statuses = {};
async function client() {
  while (performance.now() < deadline) {
    const { ms, status } = await login();
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status === 200) loginLatencies.push(ms);
  }
}

const health = Object.fromEntries(healthUrls.map((url) => [url, []]));
async function probe(url, into) {
  while (performance.now() < deadline) {
    const { ms } = await timed(url);
    into[url].push(ms);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const started = performance.now();
await Promise.all([...Array.from({ length: concurrency }, client), ...healthUrls.map((url) => probe(url, health))]);
const elapsed = (performance.now() - started) / 1000;

console.log(
  JSON.stringify(
    {
      concurrency,
      seconds: Math.round(elapsed * 10) / 10,
      statuses,
      logins_per_second: Math.round((loginLatencies.length / elapsed) * 10) / 10,
      login: summary(loginLatencies),
      health_baseline_without_logins: Object.fromEntries(
        Object.entries(baseline).map(([url, values]) => [url, summary(values)]),
      ),
      health_during_storm: Object.fromEntries(Object.entries(health).map(([url, values]) => [url, summary(values)])),
    },
    null,
    2,
  ),
);
