-- What a test consumer's effect writes: counting rows shows how many times it was applied.
create table effects (
    id       bigint generated always as identity primary key,
    event_id uuid not null
);
