import type { HTMLAttributes, ReactNode } from 'react';
import styles from './ui.module.css';

/**
 * The frame of every page below the header: the same container and gutters as the header and footer, so nothing
 * touches the screen's edge on a phone. `soft` puts the page on the soft background (the staff screens).
 */
export function Page({
  soft = false,
  children,
  ...section
}: { soft?: boolean; children: ReactNode } & HTMLAttributes<HTMLElement>) {
  return (
    <section {...section} className={soft ? 'page page--soft' : 'page'}>
      <div className="container">{children}</div>
    </section>
  );
}

/** A page holding one narrow card with a heading and an optional lead: sign-in, MFA, password screens. */
export function CardPage({ title, lead, children }: { title: ReactNode; lead?: ReactNode; children?: ReactNode }) {
  return (
    <Page soft>
      <div className={styles.card}>
        <h1 className={styles.title}>{title}</h1>
        {lead && <p className={styles.lead}>{lead}</p>}
        {children}
      </div>
    </Page>
  );
}
