-- A consultation may now have two login links: the one issued at its confirmation ('consultation', valid until it
-- ends) and the one issued at its completion for the visit-summary email ('visit_summary', valid for days). Each
-- is issued once: a redelivered event finds its row.
alter table patient_login_links add column purpose text not null default 'consultation'
    check (purpose in ('consultation', 'visit_summary'));
alter table patient_login_links drop constraint patient_login_links_consultation_id_key;
alter table patient_login_links add constraint patient_login_links_once unique (consultation_id, purpose);
