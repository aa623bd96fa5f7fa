-- The visit-summary email waits for two facts about a consultation, in either order: its visit-summary login link
-- (patient.login-link.issued, purpose visit_summary, issued by auth-service when the consultation completed) and a
-- record signed for it (clinical-record.signed). One row per consultation: whichever fact comes second queues the
-- email, once (queued_at), and the link's token is forgotten at that moment. Address and token are AES-GCM
-- ciphertexts (PII keys).
create table visit_summaries (
    consultation_id  bigint primary key,
    patient_id       bigint,
    recipient        text,
    locale           text,
    login_token      text,
    link_expires_at  timestamptz,
    record_signed_at timestamptz,
    queued_at        timestamptz,
    updated_at       timestamptz not null default now()
);
