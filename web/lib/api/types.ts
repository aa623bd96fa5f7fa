/**
 * The web's API types, taken from the generated `schema.d.ts` (run `make api-types` with `make dev` running).
 *
 * The document says which properties an answer always has and which may be null (see the services' `WireShapes`),
 * so an answer's type is its schema as generated; a renamed or removed property fails the build instead of reading
 * `undefined` at run time. Request bodies that share a record with an answer use its `…Input` schema.
 */
import type { components } from './schema';

export type Schemas = components['schemas'];

type PageName = Extract<keyof Schemas, `Page${string}`>;

/** A page of `T` items: the generated `Page…` schema whose items are `T` (`never` when the API has no such page). */
export type Page<T> = Extract<Schemas[PageName], { items: T[] }>;

/** A request body of schema `S`: the properties in `Optional` may be left out, the others must be sent. */
export type Body<S, Optional extends keyof S = never> = { [K in Exclude<keyof S, Optional>]-?: NonNullable<S[K]> } & {
  [K in Optional]?: S[K];
};
