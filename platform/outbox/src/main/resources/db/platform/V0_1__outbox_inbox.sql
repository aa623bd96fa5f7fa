-- Shared by every service, created in the service's own schema.
-- outbox: events written in the same transaction as the state change; the relay publishes them.
create table outbox (
    id              bigint generated always as identity primary key,
    event_id        uuid        not null unique,
    topic           text        not null,
    aggregate_id    text        not null,
    event_type      text        not null,
    payload         jsonb       not null,
    created_at      timestamptz not null default now(),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error      text,
    sent_at         timestamptz
);
create index outbox_pending on outbox (id) where sent_at is null;
create index outbox_pending_by_key on outbox (topic, aggregate_id, id) where sent_at is null;

-- inbox: one row per (consumer, event) whose effect has been applied; a duplicate is skipped.
create table inbox (
    consumer     text        not null,
    event_id     uuid        not null,
    event_type   text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
