-- What payment-service knows of booking's consultations, from booking's events (never asked synchronously).
-- patient_email is an AES-GCM ciphertext (PII keys): it is only sent to Stripe as customer_email.
create table consultations (
    consultation_id  bigint primary key,
    patient_id       bigint      not null,
    doctor_id        bigint      not null,
    amount           bigint      not null,
    currency         text        not null,
    scheduled_at     timestamptz not null,
    duration_minutes integer,
    hold_expires_at  timestamptz,
    patient_email    text,
    locale           text,
    status           text        not null default 'pending_payment',
    doctor_name      text,
    cancelled_by     text,
    cancelled_at     timestamptz,
    updated_at       timestamptz not null default now()
);
create index consultations_by_doctor on consultations (doctor_id);

-- One row per checkout attempt of a consultation. The id is taken before Stripe is called so that it can travel
-- in the session's metadata; a row stays 'creating' until Stripe answered, and a retry reuses it with the very
-- same parameters (so Stripe's idempotency key replays instead of refusing).
create sequence payments_id_seq;
create table payments (
    id                       bigint primary key default nextval('payments_id_seq'),
    consultation_id          bigint      not null references consultations (consultation_id),
    attempt                  integer     not null,
    amount                   bigint      not null,
    currency                 text        not null,
    status                   text        not null default 'creating'
                             check (status in ('creating', 'abandoned', 'pending', 'failed', 'expired', 'succeeded',
                                               'partially_refunded', 'refunded')),
    stripe_payment_intent_id text,
    stripe_session_id        text unique,
    stripe_customer_id       text,
    checkout_url             text,
    success_url              text        not null,
    cancel_url               text        not null,
    expires_at               timestamptz not null,
    paid_at                  timestamptz,
    failure_reason           text,
    flag                     text,
    refund_amount            bigint      not null default 0,
    stripe_refund_id         text,
    refund_reason            text,
    created_at               timestamptz not null default now(),
    updated_at               timestamptz not null default now(),
    constraint payments_attempt_once unique (consultation_id, attempt)
);
create index payments_by_intent on payments (stripe_payment_intent_id);
create index payments_open on payments (status, created_at) where status in ('pending', 'failed');
create index payments_by_paid_at on payments (paid_at);

-- Every refund, ours or made in Stripe's dashboard; ours are also the durable queue of the refund worker.
create table refunds (
    id               bigint generated always as identity primary key,
    payment_id       bigint      not null references payments (id),
    amount           bigint      not null check (amount > 0),
    reason           text        not null,
    note             text,
    status           text        not null default 'due' check (status in ('due', 'succeeded', 'failed')),
    request_key      text,
    stripe_refund_id text unique,
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz not null default now(),
    last_error       text,
    created_at       timestamptz not null default now(),
    refunded_at      timestamptz,
    constraint refunds_request_once unique (payment_id, request_key)
);
create index refunds_due on refunds (next_attempt_at) where status = 'due';

-- Stripe events seen, for deduplication and audit. No payload: it carries personal data.
create table stripe_events (
    event_id    text primary key,
    type        text        not null,
    created     timestamptz,
    received_at timestamptz not null default now(),
    payment_id  bigint,
    outcome     text        not null
);

-- Checkout sessions of the embedded sandbox (used when no STRIPE_SECRET_KEY is set).
create table sandbox_sessions (
    session_id        text primary key,
    idempotency_key   text        not null unique,
    payment_intent_id text        not null,
    payment_id        bigint      not null,
    consultation_id   bigint      not null,
    amount            bigint      not null,
    currency          text        not null,
    success_url       text        not null,
    cancel_url        text        not null,
    expires_at        timestamptz not null,
    status            text        not null default 'open' check (status in ('open', 'complete', 'expired')),
    payment_status    text        not null default 'unpaid',
    amount_refunded   bigint      not null default 0,
    created_at        timestamptz not null default now()
);
create index sandbox_sessions_by_intent on sandbox_sessions (payment_intent_id);

create table sandbox_refunds (
    refund_id       text primary key,
    idempotency_key text        not null unique,
    session_id      text        not null references sandbox_sessions (session_id),
    amount          bigint      not null,
    created_at      timestamptz not null default now()
);
