import type { InputHTMLAttributes, ReactNode } from 'react';
import styles from './ui.module.css';

/** What a field hands its control: the id the label points at, the shared look and the error/hint wiring. */
export interface ControlProps {
  id: string;
  className: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

export interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'children'> {
  id: string;
  label: ReactNode;
  /** A line under the control (e.g. the password rules), read out with it. */
  hint?: ReactNode;
  /** The field's own error, shown under it and read out with it. */
  error?: string | null;
  /** Another control than a text input (a select, a textarea): rendered with the given props. */
  control?: (props: ControlProps) => ReactNode;
}

/** A label, its control (a text input unless `control` says otherwise), and the hint and error under it. */
export function Field({ id, label, hint, error, control, ...input }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const props: ControlProps = {
    id,
    className: styles.control,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
  };
  return (
    <div className={styles.field}>
      <label className={styles.label} htmlFor={id}>
        {label}
      </label>
      {control ? control(props) : <input {...input} {...props} />}
      {hint && (
        <p className={styles.hint} id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <span className={styles.fieldError} id={errorId}>
          {error}
        </span>
      )}
    </div>
  );
}
