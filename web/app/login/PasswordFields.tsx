'use client';

import { Field } from '@/components/ui';

/** New password + confirmation, shared by the change and reset screens. */
export function PasswordFields({ labels }: { labels: { next: string; confirm: string; rules: string } }) {
  return (
    <>
      <Field
        id="new_password"
        name="new_password"
        type="password"
        label={labels.next}
        hint={labels.rules}
        autoComplete="new-password"
        minLength={12}
        required
      />
      <Field id="confirm" name="confirm" type="password" label={labels.confirm} autoComplete="new-password" required />
    </>
  );
}
