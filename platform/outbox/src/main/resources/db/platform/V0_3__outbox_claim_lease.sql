-- The relay claims a batch in a short transaction (a lease), publishes outside it and records the outcome in
-- another, so no transaction stays open while it waits for Kafka. A relay that dies lets its lease run out.
alter table outbox add column claimed_until timestamptz;
