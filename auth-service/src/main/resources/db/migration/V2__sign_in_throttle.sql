-- Failed sign-ins counted per account ('account:<id>') and per client address as the gateway saw it
-- ('address:<ip>'): past a free number of failures each further one delays the next attempt, twice as long each
-- time up to a ceiling. Failures older than a day no longer count.
create table sign_in_throttle (
    key           text        primary key,
    failures      int         not null,
    blocked_until timestamptz,
    updated_at    timestamptz not null
);
