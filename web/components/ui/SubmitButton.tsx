import type { ReactNode } from 'react';

/** A form's submit button: disabled while the form is busy, optionally saying so (`busyLabel`). */
export function SubmitButton({
  busy = false,
  busyLabel,
  secondary = false,
  large = false,
  className,
  children,
}: {
  busy?: boolean;
  busyLabel?: ReactNode;
  secondary?: boolean;
  large?: boolean;
  className?: string;
  children: ReactNode;
}) {
  const classes = ['btn', secondary ? 'btn--secondary' : 'btn--primary', large && 'btn--lg', className];
  return (
    <button type="submit" className={classes.filter(Boolean).join(' ')} disabled={busy}>
      {busy && busyLabel ? busyLabel : children}
    </button>
  );
}
