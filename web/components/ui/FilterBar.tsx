import type { FormEvent, ReactNode } from 'react';
import { Field } from './Field';
import { SubmitButton } from './SubmitButton';
import styles from './ui.module.css';

/** The filters above a list: its fields side by side and the button that applies them. */
export function FilterBar({
  onApply,
  applyLabel,
  label,
  children,
}: {
  onApply: (event: FormEvent<HTMLFormElement>) => void;
  applyLabel: string;
  /** The form's accessible name, when the page has more than one form. */
  label?: string;
  children: ReactNode;
}) {
  return (
    <form className={styles.filters} onSubmit={onApply} aria-label={label}>
      {children}
      <SubmitButton secondary>{applyLabel}</SubmitButton>
    </form>
  );
}

/**
 * A labelled select of a list filter whose first option means "any". Controlled (`value` + `onChange`) or, in a
 * form read on submit, uncontrolled (`name` + `defaultValue`).
 */
export function FilterSelect({
  id,
  label,
  anyLabel,
  options,
  value,
  onChange,
  name,
  defaultValue,
}: {
  id: string;
  label: string;
  anyLabel: string;
  options: { value: string | number; label: string }[];
  value?: string;
  onChange?: (value: string) => void;
  name?: string;
  defaultValue?: string;
}) {
  return (
    <Field
      id={id}
      label={label}
      control={(props) => (
        <select
          {...props}
          name={name}
          value={value}
          defaultValue={defaultValue}
          onChange={onChange && ((e) => onChange(e.target.value))}
        >
          <option value="">{anyLabel}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}
