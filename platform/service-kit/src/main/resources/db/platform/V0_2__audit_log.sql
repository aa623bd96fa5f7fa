-- Who read or changed whose data, when, and with what outcome. Rows are append-only; a background chainer links
-- them in commit order with SHA-256 hashes (chain_seq, prev_hash, hash), so a changed or deleted row breaks the
-- chain from that point on.
create table audit_log (
    id          bigint generated always as identity primary key,
    occurred_at timestamptz not null default now(),
    actor       text        not null,
    actor_role  text        not null,
    patient_id  bigint,
    resource    text        not null,
    action      text        not null,
    outcome     text        not null,
    request_id  text,
    client_ip   text,
    chain_seq   bigint unique,
    prev_hash   text,
    hash        text
);
create index audit_log_unchained on audit_log (id) where chain_seq is null;
create index audit_log_by_patient on audit_log (patient_id, occurred_at);
