import Link from 'next/link';
import {
  ArrowRightIcon,
  CalendarIcon,
  CheckIcon,
  DocumentIcon,
  ShieldIcon,
  StethoscopeIcon,
  VideoIcon,
} from '@/components/Icons';
import { getI18n } from '@/lib/i18n/server';

const featureIcons = [CalendarIcon, VideoIcon, DocumentIcon];

export default async function HomePage() {
  const { t } = await getI18n();
  const h = t.home;

  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <div className="container hero__inner">
          <div className="hero__copy">
            <p className="eyebrow">{h.eyebrow}</p>
            <h1 id="hero-title" className="hero__title">
              {h.headline}
            </h1>
            <p className="hero__lead">{h.lead}</p>
            <div className="hero__actions">
              <Link href="/reserva" className="btn btn--primary btn--lg">
                {h.primaryCta}
                <ArrowRightIcon className="btn__icon" />
              </Link>
              <Link href="/login" className="btn btn--secondary btn--lg">
                {h.secondaryCta}
              </Link>
            </div>
            <ul className="hero__highlights">
              {h.highlights.map((item) => (
                <li key={item}>
                  <CheckIcon className="hero__check" />
                  {item}
                </li>
              ))}
            </ul>
          </div>

          {/* Decorative example of a booked consultation: hidden from assistive technology. */}
          <div className="hero__visual" aria-hidden="true">
            <div className="preview-card">
              <div className="preview-card__header">
                <span className="badge badge--success">
                  <CheckIcon className="badge__icon" />
                  {h.preview.status}
                </span>
              </div>
              <div className="preview-card__video">
                <div className="preview-card__avatar">
                  <StethoscopeIcon />
                </div>
                <div className="preview-card__pip" />
                <div className="preview-card__controls">
                  <span />
                  <span className="is-end" />
                  <span />
                </div>
              </div>
              <p className="preview-card__specialty">{h.preview.specialty}</p>
              <ul className="preview-card__details">
                <li>
                  <CalendarIcon className="preview-card__icon" />
                  {h.preview.when}
                </li>
                <li>
                  <ShieldIcon className="preview-card__icon" />
                  {h.preview.room}
                </li>
                <li>
                  <CheckIcon className="preview-card__icon" />
                  {h.preview.paid}
                </li>
              </ul>
              <div className="preview-card__join">
                <VideoIcon className="btn__icon" />
                {h.preview.join}
              </div>
            </div>
          </div>
        </div>
      </section>

      <section className="section features" aria-labelledby="features-title">
        <div className="container">
          <h2 id="features-title" className="section__title">
            {h.featuresTitle}
          </h2>
          <ul className="features__grid">
            {h.features.map((feature, i) => {
              const Icon = featureIcons[i] ?? CheckIcon;
              return (
                <li key={feature.title} className="card feature">
                  <span className="feature__icon">
                    <Icon />
                  </span>
                  <h3 className="feature__title">{feature.title}</h3>
                  <p className="feature__text">{feature.text}</p>
                </li>
              );
            })}
          </ul>
        </div>
      </section>

      <section className="section how" aria-labelledby="how-title">
        <div className="container">
          <h2 id="how-title" className="section__title">
            {h.howTitle}
          </h2>
          <p className="section__lead">{h.howLead}</p>
          <ol className="steps">
            {h.steps.map((step, i) => (
              <li key={step.title} className="step">
                <span className="step__number" aria-hidden="true">
                  {i + 1}
                </span>
                <h3 className="step__title">{step.title}</h3>
                <p className="step__text">{step.text}</p>
              </li>
            ))}
          </ol>
          <div className="how__cta">
            <Link href="/reserva" className="btn btn--primary btn--lg">
              {h.primaryCta}
              <ArrowRightIcon className="btn__icon" />
            </Link>
          </div>
        </div>
      </section>

      <section className="section pro" aria-labelledby="pro-title">
        <div className="container pro__inner">
          <div>
            <h2 id="pro-title" className="pro__title">
              {h.proTitle}
            </h2>
            <p className="pro__text">{h.proText}</p>
          </div>
          <Link href="/login" className="btn btn--light btn--lg">
            {h.proCta}
          </Link>
        </div>
      </section>
    </>
  );
}
