import styles from './Staff.module.css';

/** MFA recovery codes, shown once after they are made; each is written on its own line to copy or print. */
export function RecoveryCodeList({ codes, title, lead }: { codes: string[]; title: string; lead: string }) {
  return (
    <div>
      <h2>{title}</h2>
      <p>{lead}</p>
      <ul data-testid="recovery-codes" aria-label={title}>
        {codes.map((code) => (
          <li key={code}>
            <code className={styles.code}>{code}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}
