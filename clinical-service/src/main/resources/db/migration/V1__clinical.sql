-- Clinical history, templates and the care relationships that decide who may read a patient's history.
-- Every free-text column, and the allergy and medication lists, hold AES-256-GCM ciphertexts
-- (v1:<key id>:..., keys TELEMED_CLINICAL_KEYS, the column name bound as associated data): a dump shows no
-- clinical text.

-- Booking's consultations as its events describe them (ids and times only): a doctor reaches a patient's history
-- through a consultation that was confirmed.
create table care_relationships (
    consultation_id bigint primary key,
    patient_id      bigint      not null,
    doctor_id       bigint      not null,
    doctor_name     text,
    scheduled_at    timestamptz not null,
    status          text        not null check (status in ('confirmed', 'completed', 'cancelled')),
    confirmed_at    timestamptz not null,
    updated_at      timestamptz not null default now()
);
create index care_relationships_by_doctor on care_relationships (doctor_id, patient_id);
create index care_relationships_by_patient on care_relationships (patient_id);

create table clinical_records (
    id               bigint generated always as identity primary key,
    patient_id       bigint      not null,
    consultation_id  bigint,
    author_id        bigint      not null,
    chief_complaint  text,
    background       text,
    assessment       text,
    plan             text,
    allergies        text,
    medications      text,
    status           text        not null default 'draft'
                     check (status in ('draft', 'signed', 'amended', 'entered_in_error')),
    error_reason     text,
    error_by_id      bigint,
    error_at         timestamptz,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    signed_at        timestamptz
);
create index clinical_records_by_patient on clinical_records (patient_id, created_at desc);

create table clinical_addenda (
    id         bigint generated always as identity primary key,
    record_id  bigint      not null references clinical_records (id),
    author_id  bigint      not null,
    text       text        not null,
    created_at timestamptz not null default now()
);
create index clinical_addenda_by_record on clinical_addenda (record_id, id);

-- Reusable starting points; not patient data, so stored in the clear. created_by_id is null for the starter
-- templates; clinic_wide ones (made by admins) are read-only to doctors.
create table clinical_templates (
    id              bigint generated always as identity primary key,
    name            text        not null,
    description     text,
    chief_complaint text,
    background      text,
    assessment      text,
    plan            text,
    allergies       text        not null default '[]',
    medications     text        not null default '[]',
    created_by_id   bigint,
    clinic_wide     boolean     not null default false,
    starter_key     text unique,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);
create index clinical_templates_by_author on clinical_templates (created_by_id);
