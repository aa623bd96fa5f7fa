/**
 * The web's API types, taken from the generated `schema.d.ts` (run `make api-types` with `make dev` running).
 *
 * The services write every property of their answers (records, nulls included), but the document marks none as
 * required; `Answer` says so, and names the properties that may be null. Keys are checked against the schema, so a
 * renamed or removed property fails the build instead of reading `undefined` at run time.
 */
import type { components } from './schema';

export type Schemas = components['schemas'];

/**
 * An answer of schema `S`: every property present, those in `Nullable` possibly null; `Nested` replaces the
 * properties holding other schemas with their own `Answer` types.
 */
export type Answer<S, Nullable extends keyof S = never, Nested extends { [K in keyof S]?: unknown } = {}> = {
  [K in Exclude<keyof S, keyof Nested>]-?: K extends Nullable ? NonNullable<S[K]> | null : NonNullable<S[K]>;
} & { [K in keyof Nested]: Nested[K] };

/** A request body of schema `S`: the properties in `Optional` may be left out, the others must be sent. */
export type Body<S, Optional extends keyof S = never> = { [K in Exclude<keyof S, Optional>]-?: NonNullable<S[K]> } & {
  [K in Optional]?: S[K];
};
