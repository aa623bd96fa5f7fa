-- What the test listener's effect writes.
create table listener_effects (
    id       bigint generated always as identity primary key,
    event_id uuid not null
);
