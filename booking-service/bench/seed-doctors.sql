-- Bench doctors straight into booking-service's directory, for a platform where no staff registration feeds it:
--   psql -h localhost -U telemed telemed -v doctors=16 -f booking-service/bench/seed-doctors.sql
-- Each gets specialty "Bench", 30-minute slots Monday to Friday 09:00-17:00 Europe/Madrid, 60 days ahead.
-- Run it again to add more (ids continue after the highest bench id).
\set ON_ERROR_STOP on
set search_path to booking;
with n as (select coalesce(max(id), 900000) as last from doctors where id > 900000),
     ids as (select n.last + g as id from n, generate_series(1, :doctors) g)
insert into doctors (id, full_name, role, specialty, license_number)
select id, 'Dr. Bench ' || id, 'specialist', 'Bench', 'BENCH-' || id from ids;
insert into doctor_profiles (doctor_id, fee_amount, currency, slot_minutes, min_notice_minutes, max_advance_days,
                             timezone)
select id, 4500, 'eur', 30, 60, 60, 'Europe/Madrid' from doctors
 where specialty = 'Bench' and id not in (select doctor_id from doctor_profiles);
insert into working_hours (doctor_id, weekday, start_time, end_time)
select d.id, w, '09:00', '17:00' from doctors d, generate_series(1, 5) w
 where d.specialty = 'Bench' and not exists (select 1 from working_hours h where h.doctor_id = d.id);
