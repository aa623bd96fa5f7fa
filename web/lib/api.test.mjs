// Unit tests for lib/api.ts (run with `npm test`).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importTs } from './importTs.mjs';

const { ApiError, api, apiFetch, apiUrl, parseErrorBody, isApiError } = await importTs(new URL('./api.ts', import.meta.url));

/** Fake fetch that records calls and answers with the given response. */
function fakeFetch(response) {
  const calls = [];
  const fn = async (url, init) => {
    calls.push({ url, init });
    return typeof response === 'function' ? response() : response.clone();
  };
  fn.calls = calls;
  return fn;
}

function problem(status, body) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

describe('apiUrl', () => {
  it('prefixes relative paths with /api/v1', () => {
    assert.equal(apiUrl('/bookings'), '/api/v1/bookings');
    assert.equal(apiUrl('bookings/42'), '/api/v1/bookings/42');
    assert.equal(apiUrl('/api/v1/doctors'), '/api/v1/doctors');
  });

  it('appends query parameters, skipping empty values', () => {
    assert.equal(
      apiUrl('/slots', { date: '2030-01-02', doctorId: 7, free: true, skip: undefined, none: null }),
      '/api/v1/slots?date=2030-01-02&doctorId=7&free=true',
    );
    assert.equal(apiUrl('/slots', { id: [1, 2] }), '/api/v1/slots?id=1&id=2');
  });

  it('rejects absolute URLs', () => {
    assert.throws(() => apiUrl('http://example.com/api/v1/x'), TypeError);
    assert.throws(() => apiUrl('//example.com/api/v1/x'), TypeError);
  });
});

describe('parseErrorBody', () => {
  it('maps an application/problem+json document', () => {
    const err = parseErrorBody(
      400,
      'application/problem+json; charset=utf-8',
      JSON.stringify({
        type: 'https://telemed.example/problems/validation',
        title: 'Validation failed',
        status: 400,
        detail: 'The request has invalid fields',
        instance: '/api/v1/bookings',
        fields: { email: 'must be a well-formed email address' },
      }),
    );
    assert.ok(err instanceof ApiError);
    assert.ok(err instanceof Error);
    assert.equal(err.name, 'ApiError');
    assert.equal(err.status, 400);
    assert.equal(err.title, 'Validation failed');
    assert.equal(err.detail, 'The request has invalid fields');
    assert.equal(err.type, 'https://telemed.example/problems/validation');
    assert.equal(err.instance, '/api/v1/bookings');
    assert.deepEqual(err.fields, { email: 'must be a well-formed email address' });
    assert.equal(err.fieldError('email'), 'must be a well-formed email address');
    assert.equal(err.message, 'Validation failed: The request has invalid fields');
  });

  it('normalises list-shaped field errors', () => {
    const err = parseErrorBody(
      422,
      'application/problem+json',
      JSON.stringify({
        title: 'Unprocessable',
        errors: [
          { field: 'name', message: 'must not be blank' },
          { field: 'name', defaultMessage: 'size must be between 2 and 80' },
        ],
        'invalid-params': [{ name: 'age', reason: 'must be a positive integer' }],
      }),
    );
    assert.deepEqual(err.fields, {
      name: 'must not be blank; size must be between 2 and 80',
      age: 'must be a positive integer',
    });
  });

  it('falls back to the status line for non-JSON bodies', () => {
    const err = parseErrorBody(502, 'text/html', '<html>Bad gateway</html>', 'Bad Gateway');
    assert.equal(err.status, 502);
    assert.equal(err.title, 'Bad Gateway');
    assert.equal(err.detail, undefined);
    assert.deepEqual(err.fields, {});
  });

  it('handles malformed problem JSON and plain JSON error bodies', () => {
    assert.equal(parseErrorBody(500, 'application/problem+json', '{oops').title, 'HTTP 500');
    const err = parseErrorBody(
      403,
      'application/json',
      JSON.stringify({ error: 'Forbidden', message: 'Access denied' }),
    );
    assert.equal(err.title, 'Forbidden');
    assert.equal(err.detail, 'Access denied');
  });
});

describe('apiFetch', () => {
  it('sends JSON with a bearer token to a relative /api/v1 URL', async () => {
    const fetch = fakeFetch(
      new Response(JSON.stringify({ id: 'b-1' }), {
        status: 201,
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    const result = await apiFetch('/bookings', {
      method: 'POST',
      body: { slotId: 3 },
      token: 'abc.def.ghi',
      fetch,
    });
    assert.deepEqual(result, { id: 'b-1' });
    assert.equal(fetch.calls.length, 1);
    const { url, init } = fetch.calls[0];
    assert.equal(url, '/api/v1/bookings');
    assert.equal(init.method, 'POST');
    assert.equal(init.body, JSON.stringify({ slotId: 3 }));
    assert.equal(init.headers['Content-Type'], 'application/json');
    assert.equal(init.headers.Authorization, 'Bearer abc.def.ghi');
    assert.match(init.headers.Accept, /application\/problem\+json/);
  });

  it('omits Authorization and Content-Type when not needed', async () => {
    const fetch = fakeFetch(new Response(null, { status: 204 }));
    const result = await api.get('/doctors', { fetch });
    assert.equal(result, undefined);
    const { init } = fetch.calls[0];
    assert.equal(init.method, 'GET');
    assert.equal(init.body, undefined);
    assert.equal(init.headers.Authorization, undefined);
    assert.equal(init.headers['Content-Type'], undefined);
  });

  it('throws ApiError for problem+json responses', async () => {
    const fetch = fakeFetch(
      problem(404, { title: 'Not Found', status: 404, detail: 'Booking b-9 does not exist' }),
    );
    await assert.rejects(api.get('/bookings/b-9', { fetch }), (err) => {
      assert.ok(isApiError(err));
      assert.equal(err.status, 404);
      assert.equal(err.title, 'Not Found');
      assert.equal(err.detail, 'Booking b-9 does not exist');
      return true;
    });
  });

  it('turns network failures into ApiError with status 0', async () => {
    const fetch = async () => {
      throw new TypeError('fetch failed');
    };
    await assert.rejects(api.get('/doctors', { fetch }), (err) => {
      assert.ok(isApiError(err));
      assert.equal(err.status, 0);
      assert.equal(err.isNetworkError, true);
      assert.equal(err.title, 'Network error');
      return true;
    });
  });
});
