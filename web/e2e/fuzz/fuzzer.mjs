// Schema-driven fuzzing of the public API through the gateway. For every operation of the merged OpenAPI document
// (/api/openapi.json) it builds a request from the schema, then breaks it in each way the schema allows, sends each
// with a staff token and without one, and checks the answer: never a 5xx, every 4xx is application/problem+json,
// no stack trace or SQL in any body, and requests that must be refused (missing required field, wrong type,
// malformed JSON, wrong content type, huge body, bad id) are refused and leave the platform's data as it was.
import { BASE_URL } from '../harness.mjs';

/** Deterministic random numbers (mulberry32): a seed reproduces a run exactly. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NASTY_STRINGS = [
  "' OR '1'='1", "1; DROP TABLE consultations; --", '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>',
  '${jndi:ldap://x/a}', '{{7*7}}', '../../../../etc/passwd', '\u0000\u0001\u0007\u001b[31m', '𝕋𝕖𝕝𝕖𝕞𝕖𝕕 🩺 ñÑ €',
  '\u202e\u200b\ufeff', 'ٱلطبيب', '%00%0d%0a', '\\', '', ' ',
];
const BAD_IDS = ['abc', '-1', '0', '99999999999999999999', '1.5', '%00', '1;DROP', "1'", '%2e%2e', 'null'];
const LEAKS = [/\bat (com|org|java|reactor|io)\.[\w.$]+\(/, /Exception\b/, /\bSQLSTATE\b/i, /syntax error at or near/i,
  /org\.springframework/, /r2dbc/i, /\bselect .* from /i, /stack ?trace/i];

function resolve(doc, schema, depth = 0) {
  if (!schema || depth > 8) return {};
  if (schema.$ref) return resolve(doc, doc.components.schemas[schema.$ref.split('/').pop()], depth + 1);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => resolve(doc, s, depth + 1)));
  if (schema.oneOf || schema.anyOf) return resolve(doc, (schema.oneOf || schema.anyOf)[0], depth + 1);
  return schema;
}

const typeOf = (schema) => (Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type);

/** A value the schema accepts (as far as the schema can say). */
export function valid(doc, raw, rnd, depth = 0) {
  const schema = resolve(doc, raw);
  if (schema.example !== undefined) return schema.example;
  if (schema.enum) return schema.enum[Math.floor(rnd() * schema.enum.length)];
  switch (typeOf(schema) ?? (schema.properties ? 'object' : undefined)) {
    case 'integer': return Math.max(schema.minimum ?? 1, 1);
    case 'number': return Math.max(schema.minimum ?? 1, 1);
    case 'boolean': return rnd() < 0.5;
    case 'array': return depth > 4 ? [] : [valid(doc, schema.items, rnd, depth + 1)];
    case 'object': {
      if (depth > 4) return {};
      const out = {};
      for (const [name, prop] of Object.entries(schema.properties ?? {})) out[name] = valid(doc, prop, rnd, depth + 1);
      return out;
    }
    case 'string':
    default:
      switch (schema.format) {
        case 'date-time': return new Date(Date.now() + 3 * 86400_000).toISOString();
        case 'date': return new Date(Date.now() + 3 * 86400_000).toISOString().slice(0, 10);
        case 'email': return `fuzz-${Math.floor(rnd() * 1e9)}@example.org`;
        case 'uuid': return '00000000-0000-4000-8000-000000000000';
        case 'uri': return 'https://example.org/x';
        default: return 'fuzz';
      }
  }
}

/** The ways to break one operation's request, each with whether the platform must refuse it. */
export function mutations(doc, op, rnd) {
  const out = [];
  const body = op.bodySchema ? resolve(doc, op.bodySchema) : undefined;
  const base = body ? valid(doc, op.bodySchema, rnd) : undefined;
  for (const p of op.pathParams) {
    for (const bad of BAD_IDS) out.push({ kind: `bad id ${p}=${bad}`, mustRefuse: true, path: { [p]: bad }, body: base });
  }
  if (body && typeOf(body) === 'object' && body.properties) {
    for (const field of body.required ?? []) {
      const { [field]: _removed, ...rest } = base;
      out.push({ kind: `missing required ${field}`, mustRefuse: true, body: rest });
    }
    for (const [field, prop] of Object.entries(body.properties)) {
      const t = typeOf(resolve(doc, prop));
      const wrong = t === 'string' ? { nested: [1, 2] } : t === 'object' ? 'not-an-object' : t === 'array' ? 'x' : 'not-a-number';
      out.push({ kind: `wrong type ${field}`, mustRefuse: t !== undefined, body: { ...base, [field]: wrong } });
      if (t === 'integer' || t === 'number') {
        for (const n of [-1, 0, 2 ** 63, -(2 ** 63), 1e308]) out.push({ kind: `number ${field}=${n}`, mustRefuse: false, body: { ...base, [field]: n } });
      }
      if (t === 'string') {
        out.push({ kind: `over-long ${field}`, mustRefuse: false, body: { ...base, [field]: 'x'.repeat(100_000) } });
        const nasty = NASTY_STRINGS[Math.floor(rnd() * NASTY_STRINGS.length)];
        out.push({ kind: `nasty ${field}=${JSON.stringify(nasty).slice(0, 30)}`, mustRefuse: false, body: { ...base, [field]: nasty } });
      }
    }
    out.push({ kind: 'unknown field', mustRefuse: false, body: { ...base, zz_unknown: 'x' } });
  }
  if (op.method !== 'get' && op.method !== 'delete') {
    // An operation that reads no body may ignore whatever is sent; one that reads a body must refuse these.
    const reads = !!body;
    out.push({ kind: 'malformed JSON', mustRefuse: reads, raw: '{"a": [1, 2', contentType: 'application/json' });
    out.push({ kind: 'wrong content type', mustRefuse: reads, raw: 'a=1&b=2', contentType: 'text/plain' });
    out.push({ kind: 'huge body', mustRefuse: reads, raw: JSON.stringify({ pad: 'x'.repeat(3 * 1024 * 1024) }), contentType: 'application/json' });
    out.push({ kind: 'JSON null', mustRefuse: reads && op.bodyRequired, raw: 'null', contentType: 'application/json' });
    out.push({ kind: 'JSON array', mustRefuse: reads && typeOf(body) === 'object', raw: '[]', contentType: 'application/json' });
  }
  for (const q of op.queryParams) {
    for (const bad of ['not-a-date', '-1', '99999999999999999999', NASTY_STRINGS[Math.floor(rnd() * NASTY_STRINGS.length)]]) {
      out.push({ kind: `query ${q}=${bad.slice(0, 20)}`, mustRefuse: false, query: { [q]: bad }, body: base });
    }
  }
  out.push({ kind: 'as generated', mustRefuse: false, body: base });
  return out;
}

export function operations(doc) {
  const ops = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])];
      ops.push({
        method, path, id: op.operationId,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: params.filter((p) => p.in === 'query').map((p) => p.name),
        bodySchema: op.requestBody?.content?.['application/json']?.schema,
        bodyRequired: op.requestBody?.required === true,
        documented: Object.keys(op.responses ?? {}),
      });
    }
  }
  return ops;
}

/** Sends one broken request; answers what came back and what was wrong with it. */
export async function send(doc, op, mutation, token, rnd) {
  let url = op.path.replace(/\{([^}]+)}/g, (_, name) => encodeURIComponent(mutation.path?.[name] ?? String(1 + Math.floor(rnd() * 5))))
    .replace(/%25/g, '%');
  const query = new URLSearchParams(mutation.query ?? {});
  if ([...query].length) url += `?${query}`;
  const headers = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  let body;
  if (op.method !== 'get' && op.method !== 'delete') {
    if (mutation.raw !== undefined) {
      body = mutation.raw;
      headers['content-type'] = mutation.contentType;
    } else if (mutation.body !== undefined) {
      body = JSON.stringify(mutation.body);
      headers['content-type'] = 'application/json';
    }
  }
  let response;
  let text = '';
  try {
    response = await fetch(`${BASE_URL}${url}`, { method: op.method.toUpperCase(), headers, body, redirect: 'manual',
      signal: AbortSignal.timeout(35_000) }); // past the gateway's 30 s: a stuck request shows as its 504
    text = await response.text();
  } catch (error) {
    return { status: 0, problems: [`no answer: ${error.message}`] };
  }
  const problems = [];
  const type = response.headers.get('content-type') ?? '';
  if (response.status >= 500) problems.push(`HTTP ${response.status}`);
  if (response.status >= 400 && response.status < 500 && response.status !== 413 && !type.startsWith('application/problem+json')) {
    problems.push(`HTTP ${response.status} as ${type || 'no content type'}`);
  }
  if (response.status === 413 && text && !type.startsWith('application/problem+json')) problems.push(`413 as ${type}`);
  for (const leak of LEAKS) if (leak.test(text)) problems.push(`body leaks ${leak}`);
  if (mutation.mustRefuse && token && response.status < 400) problems.push(`accepted (HTTP ${response.status})`);
  return { status: response.status, problems };
}
