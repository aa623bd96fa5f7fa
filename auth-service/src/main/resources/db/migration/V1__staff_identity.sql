-- Staff accounts. Passwords are bcrypt hashes; one-time secrets (temporary password, tokens) are SHA-256
-- hashes of high-entropy random values; the TOTP secret is AES-GCM encrypted.
create table users (
    id                        bigserial primary key,
    email                     text        not null unique,
    full_name                 text        not null,
    license_number            text,
    specialty                 text,
    role                      text        not null,
    active                    boolean     not null default true,
    password_hash             text,
    must_change_password      boolean     not null default true,
    temp_password_hash        text,
    temp_password_expires_at  timestamptz,
    failed_logins             int         not null default 0,
    locked_until              timestamptz,
    mfa_secret                text,
    mfa_enabled               boolean     not null default false,
    mfa_last_step             bigint,
    created_at                timestamptz not null default now(),
    updated_at                timestamptz not null default now()
);
create index users_specialty_idx on users (specialty);

create table refresh_tokens (
    id          bigserial primary key,
    user_id     bigint      not null references users (id),
    family_id   text        not null,
    token_hash  text        not null unique,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    revoked_at  timestamptz,
    created_at  timestamptz not null default now()
);
create index refresh_tokens_family_idx on refresh_tokens (family_id);
create index refresh_tokens_user_idx on refresh_tokens (user_id);

create table password_reset_tokens (
    id          bigserial primary key,
    user_id     bigint      not null references users (id),
    token_hash  text        not null unique,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    created_at  timestamptz not null default now()
);

create table registration_tokens (
    id          bigserial primary key,
    token_hash  text        not null unique,
    created_by  bigint      not null references users (id),
    expires_at  timestamptz not null,
    used_at     timestamptz,
    used_by     bigint references users (id),
    created_at  timestamptz not null default now()
);

create table patient_login_links (
    id               bigserial primary key,
    consultation_id  bigint      not null unique,
    patient_id       bigint      not null,
    token_hash       text        not null unique,
    expires_at       timestamptz not null,
    used_at          timestamptz,
    created_at       timestamptz not null default now()
);
