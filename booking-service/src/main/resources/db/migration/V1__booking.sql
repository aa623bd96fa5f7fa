-- btree_gist lets one exclusion constraint mix equality (doctor) with range overlap (time). Production creates it
-- beforehand (service roles cannot); here it is created only when missing, which tests and local mode can do.
do $$
begin
    if not exists (select 1 from pg_extension where extname = 'btree_gist') then
        create extension btree_gist;
    end if;
end
$$;

-- Doctors directory: a projection of staff events from auth-service (never written from requests).
create table doctors (
    id             bigint primary key,
    full_name      text        not null,
    role           text        not null,
    specialty      text,
    license_number text,
    active         boolean     not null default true,
    updated_at     timestamptz not null default now()
);

-- The public profile and booking rules, owned here (doctor and admins edit them).
create table doctor_profiles (
    doctor_id          bigint primary key references doctors (id),
    bio                text,
    fee_amount         bigint  not null check (fee_amount >= 0),
    currency           text    not null,
    slot_minutes       integer not null check (slot_minutes between 5 and 240),
    buffer_minutes     integer not null default 0 check (buffer_minutes between 0 and 120),
    min_notice_minutes integer not null default 60 check (min_notice_minutes >= 0),
    max_advance_days   integer not null default 60 check (max_advance_days between 1 and 365),
    timezone           text    not null,
    languages          text    not null default 'es',
    updated_at         timestamptz not null default now()
);

-- Weekly working hours in the doctor's local time (ISO weekday 1 = Monday).
create table working_hours (
    doctor_id  bigint   not null references doctors (id),
    weekday    smallint not null check (weekday between 1 and 7),
    start_time time     not null,
    end_time   time     not null check (end_time > start_time),
    primary key (doctor_id, weekday, start_time)
);

-- A date whose hours replace the weekly ones; a date with no interval (start_time null) is a day off.
create table date_overrides (
    doctor_id  bigint not null references doctors (id),
    day        date   not null,
    start_time time,
    end_time   time,
    check ((start_time is null and end_time is null) or end_time > start_time)
);
create index date_overrides_by_day on date_overrides (doctor_id, day);

-- Time the doctor is away (vacation, congress), in absolute time.
create table availability_blocks (
    id        bigint generated always as identity primary key,
    doctor_id bigint      not null references doctors (id),
    starts_at timestamptz not null,
    ends_at   timestamptz not null check (ends_at > starts_at),
    reason    text
);
create index availability_blocks_by_doctor on availability_blocks (doctor_id, starts_at);

-- Patients: personal data only as AES-256-GCM ciphertexts (v1:<key id>:...), the column name bound as
-- associated data; email_index is an HMAC blind index that finds a returning patient.
create table patients (
    id          bigint generated always as identity primary key,
    full_name   text        not null,
    email       text        not null,
    phone       text,
    email_index text        not null unique,
    locale      text        not null default 'es',
    timezone    text,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

create table consultations (
    id                      bigint generated always as identity primary key,
    patient_id              bigint      not null references patients (id),
    doctor_id               bigint      not null references doctors (id),
    consultation_type       text        not null default 'video',
    specialty               text,
    reason_for_visit        text,
    notes                   text,
    scheduled_at            timestamptz not null,
    duration_minutes        integer     not null,
    -- end of the time this consultation keeps from others: duration plus the doctor's buffer
    occupied_until          timestamptz not null check (occupied_until > scheduled_at),
    status                  text        not null check (status in
                                ('pending_payment', 'confirmed', 'in_progress', 'completed', 'cancelled', 'no_show')),
    amount                  bigint      not null,
    currency                text        not null,
    hold_expires_at         timestamptz,
    payment_status          text        not null default 'unpaid',
    locale                  text        not null default 'es',
    timezone                text,
    booked_by               text        not null,
    cancel_reason           text,
    cancelled_by            text,
    cancelled_at            timestamptz,
    manage_token_hash       text,
    manage_token_expires_at timestamptz,
    jitsi_room_name         text,
    jitsi_room_url          text,
    started_at              timestamptz,
    ended_at                timestamptz,
    created_at              timestamptz not null default now(),
    updated_at              timestamptz not null default now(),
    -- No two consultations of a doctor that hold time may overlap, whatever the concurrency.
    constraint consultations_no_double_booking exclude using gist (
        doctor_id with =, tstzrange(scheduled_at, occupied_until) with &&)
        where (status in ('pending_payment', 'confirmed', 'in_progress', 'completed', 'no_show'))
);
create index consultations_by_doctor on consultations (doctor_id, scheduled_at);
create index consultations_by_patient on consultations (patient_id, scheduled_at);
create index consultations_by_status on consultations (status, scheduled_at);
create index consultations_expiring_holds on consultations (hold_expires_at) where status = 'pending_payment';

-- What the payment service told us, in arrival order; late or duplicate facts are recorded, not applied twice.
create table payment_facts (
    id              bigint generated always as identity primary key,
    consultation_id bigint      not null,
    payment_id      bigint      not null,
    fact            text        not null,
    amount          bigint,
    currency        text,
    outcome         text        not null,
    recorded_at     timestamptz not null default now()
);
create index payment_facts_by_consultation on payment_facts (consultation_id);
