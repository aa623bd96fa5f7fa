-- Video rooms of consultations. No patient identity is kept here: ids, times, and the SHA-256 of the patient's
-- manage-link token (the token itself is only ever in the patient's email).

-- Booking's consultations as its events describe them.
create table consultations (
    consultation_id         bigint primary key,
    doctor_id               bigint      not null,
    patient_id              bigint      not null,
    doctor_name             text,
    locale                  text        not null default 'es',
    scheduled_at            timestamptz not null,
    ends_at                 timestamptz not null,
    status                  text        not null check (status in ('confirmed', 'cancelled', 'completed', 'no_show')),
    manage_token_hash       text,
    manage_token_expires_at timestamptz,
    -- Attendance decisions, each taken once by the attendance rounds.
    patient_late_at         timestamptz,
    no_show_at              timestamptz,
    no_show_absent          text check (no_show_absent in ('doctor', 'patient')),
    updated_at              timestamptz not null default now()
);
create index consultations_by_doctor on consultations (doctor_id, scheduled_at);
create index consultations_attendance on consultations (ends_at) where status = 'confirmed';

-- The room the doctor opened for a consultation (one per consultation; starting again answers the same room).
create table rooms (
    consultation_id  bigint primary key references consultations (consultation_id),
    room_name        text        not null unique,
    started_by       bigint      not null,
    started_at       timestamptz not null,
    ended_at         timestamptz,
    duration_seconds bigint check (duration_seconds >= 0)
);

-- Who is on the consultation's video page (patient waiting, doctor in the room), as the pages report it.
create table presence (
    consultation_id bigint      not null references consultations (consultation_id),
    participant     text        not null check (participant in ('doctor', 'patient')),
    present         boolean     not null,
    first_joined_at timestamptz not null,
    last_joined_at  timestamptz not null,
    last_left_at    timestamptz,
    primary key (consultation_id, participant)
);
