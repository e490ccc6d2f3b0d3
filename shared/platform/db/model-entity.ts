import { Entity, type EntityConfiguration, type Schema } from 'electrodb';

/**
 * ElectroDB checks every model against its JSON schema (with the jsonschema package, twice for a
 * v1 model: the beta schema first) in the Entity constructor, so each Lambda paid for it on every
 * cold start, for every entity its data module holds: about 30 ms of the authorizer's init
 * (bench/RESULTS.md, "Cold start"). Our models are constants: test/unit/platform/db/models.test.ts
 * runs ElectroDB's own check on every entity of the registry instead, once per test run.
 */
// biome-ignore lint/suspicious/noExplicitAny: the typed surface is modelEntity's return type.
class UncheckedEntity extends Entity<any, any, any, any> {
  /** Replaces ElectroDB's constructor-time model validation (see above). */
  _validateModel(): void {}
}

/**
 * `new Entity(schema, config)` without the constructor-time model validation; typed exactly like
 * ElectroDB's Entity. Every entity of the table is made with it.
 */
export function modelEntity<
  A extends string,
  F extends string,
  C extends string,
  S extends Schema<A, F, C, P>,
  P extends string = string,
>(schema: S, config?: EntityConfiguration): Entity<A, F, C, S, P> {
  return new UncheckedEntity(schema, config) as unknown as Entity<A, F, C, S, P>;
}
