// Browser test of the dev mailbox served by notification-service through the gateway in local mode (one scenario
// of `npm run test:e2e`; see harness.mjs). Other scenarios read temporary passwords and links from its JSON API.
import assert from 'node:assert/strict';
import { BASE_URL, check, runScenario, screenshot, uniqueEmail } from './harness.mjs';

await runScenario(async (page) => {
  const nobody = uniqueEmail('nobody');

  await check('the mailbox JSON API answers an empty array for an address with no mail', async () => {
    const response = await fetch(`${BASE_URL}/dev/mailbox/api/messages?to=${encodeURIComponent(nobody)}`);
    assert.equal(response.status, 200, 'HTTP status');
    assert.match(response.headers.get('content-type') ?? '', /application\/json/);
    assert.deepEqual(await response.json(), []);
  });

  await check('the mailbox page is served with a no-script content policy', async () => {
    const response = await page.goto(`${BASE_URL}/dev/mailbox`, { waitUntil: 'load' });
    assert.ok(response, 'no response');
    assert.equal(response.status(), 200, 'HTTP status');
    const policy = (await response.allHeaders())['content-security-policy'] ?? '';
    assert.match(policy, /default-src 'none'/);
    await page.getByRole('heading', { level: 1, name: 'Dev mailbox' }).waitFor({ state: 'visible' });
    await screenshot(page, 'mailbox');
  });

  await check('filtering by an address with no mail says so', async () => {
    await page.locator('input[name="to"]').fill(nobody);
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('No messages.').waitFor({ state: 'visible' });
    assert.equal(new URL(page.url()).searchParams.get('to'), nobody);
  });

  await check('an unknown message is a 404', async () => {
    const response = await page.goto(`${BASE_URL}/dev/mailbox/messages/987654321`, { waitUntil: 'load' });
    assert.equal(response?.status(), 404, 'HTTP status');
  });

  await check('the admin notifications API needs a token', async () => {
    const response = await fetch(`${BASE_URL}/api/v1/admin/notifications?status=failed`);
    assert.equal(response.status, 401, 'HTTP status');
    assert.match(response.headers.get('content-type') ?? '', /application\/problem\+json/);
  });
});
