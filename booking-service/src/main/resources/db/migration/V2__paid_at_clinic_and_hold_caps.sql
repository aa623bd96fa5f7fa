-- An administrator may record a consultation as paid at the clinic; why is kept here (encrypted, like notes).
alter table consultations add column payment_note text;

-- The client address a public booking came from (as the gateway saw it), to cap live holds per address.
alter table consultations add column client_ip text;
create index consultations_live_holds_by_ip on consultations (client_ip, hold_expires_at)
    where status = 'pending_payment' and client_ip is not null;
create index consultations_live_holds_by_patient on consultations (patient_id, hold_expires_at)
    where status = 'pending_payment';
