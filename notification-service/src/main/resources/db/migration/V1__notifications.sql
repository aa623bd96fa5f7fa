-- Every email the service ever composed: the durable send queue and the dev mailbox in one table.
-- Personal data and secrets (recipient, subject, bodies, attachments) are AES-GCM ciphertexts (PII keys);
-- recipient_index is the keyed blind index of the address, for lookups without decrypting.
create table messages (
    id              bigint generated always as identity primary key,
    event_id        uuid        not null,
    event_type      text        not null,
    template        text        not null,
    recipient_index text        not null,
    recipient       text        not null,
    locale          text        not null,
    subject         text        not null,
    body_text       text        not null,
    body_html       text        not null,
    status          text        not null default 'queued'
                    check (status in ('queued', 'retrying', 'sent', 'failed')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error      text,
    provider_id     text,
    event_at        timestamptz not null,
    created_at      timestamptz not null default now(),
    sent_at         timestamptz,
    -- One message per (event, template, recipient): a redelivered event composes nothing new.
    constraint messages_once unique (event_id, template, recipient_index)
);
create index messages_due on messages (next_attempt_at) where status in ('queued', 'retrying');
create index messages_by_recipient on messages (recipient_index, id desc);
create index messages_by_status on messages (status, id desc);

create table message_attachments (
    id           bigint generated always as identity primary key,
    message_id   bigint not null references messages (id) on delete cascade,
    filename     text   not null,
    content_type text   not null,
    content      text   not null
);
create index message_attachments_by_message on message_attachments (message_id);

-- Projections that let events without a recipient (cancelled, rescheduled, payment.*) find one.
create table doctors (
    doctor_id  bigint primary key,
    email      text        not null,
    full_name  text        not null,
    locale     text,
    updated_at timestamptz not null default now()
);

create table consultation_contacts (
    consultation_id  bigint primary key,
    patient_id       bigint      not null,
    doctor_id        bigint      not null,
    patient_email    text        not null,
    patient_name     text        not null,
    doctor_name      text,
    specialty        text,
    locale           text,
    timezone         text        not null,
    scheduled_at     timestamptz not null,
    duration_minutes integer     not null,
    amount           bigint,
    currency         text,
    manage_token     text,
    updated_at       timestamptz not null default now()
);
