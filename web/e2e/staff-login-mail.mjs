// Reading the welcome email of a registered medical professional (shared by the staff scenarios).
import assert from 'node:assert/strict';

/** The temporary password in the welcome email: 18 letters and digits, on the line that names the password. */
export function temporaryPasswordIn(message) {
  const text = `${message.text ?? ''}\n${(message.html ?? '').replace(/<[^>]+>/g, ' ')}`;
  const pattern = /(?<![A-Za-z0-9])[A-HJ-NP-Za-km-z2-9]{18}(?![A-Za-z0-9])/;
  for (const line of text.split('\n')) {
    if (/contrase(ñ|n)a|password/i.test(line)) {
      const found = line.match(pattern);
      if (found) return found[0];
    }
  }
  const anywhere = text.match(pattern);
  assert.ok(anywhere, `no temporary password in the email "${message.subject}"`);
  return anywhere[0];
}
