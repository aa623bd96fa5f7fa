-- A cancellation's free-text reason is the caller's words (often clinical): kept encrypted here, never in events;
-- cancel_reason keeps only the code (doctor_request, hold_expired, ...).
alter table consultations add column cancel_note text;

-- A doctor who books typed details whose email belongs to a patient outside their care, and confirms it without
-- online payment (at the clinic or free), must not learn who that patient is: such a consultation does not count as
-- a care relationship (the patient's identity stays withheld from the doctor).
alter table consultations add column identity_withheld boolean not null default false;

-- The doctor's lists: their consultations by time.
create index if not exists consultations_doctor_time on consultations (doctor_id, scheduled_at);
