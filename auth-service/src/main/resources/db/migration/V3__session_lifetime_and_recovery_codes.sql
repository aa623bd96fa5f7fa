-- A session (one refresh-token family) ends at a fixed time however often it is refreshed: every token of a
-- family carries the end of the session it belongs to. Older rows get the end their own expiry gives.
alter table refresh_tokens add column session_expires_at timestamptz;
update refresh_tokens set session_expires_at = expires_at where session_expires_at is null;
alter table refresh_tokens alter column session_expires_at set not null;

-- MFA recovery codes: shown once when made, stored as SHA-256 digests, each accepted once instead of a TOTP code.
-- Making a new set (or turning MFA off) deletes the old one.
create table mfa_recovery_codes (
    id         bigserial primary key,
    user_id    bigint      not null references users (id),
    code_hash  text        not null unique,
    used_at    timestamptz,
    created_at timestamptz not null default now()
);
create index mfa_recovery_codes_user_idx on mfa_recovery_codes (user_id);
