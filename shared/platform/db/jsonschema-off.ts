/**
 * What Lambda bundles get for `jsonschema` (the bundler alias in lib/constructs/function-environment.ts).
 * ElectroDB uses that package for one thing: checking a model object against ElectroDB's JSON
 * schema, in the Entity constructor and when a Service sorts out what it was given. Our entities
 * skip the constructor check (./model-entity.ts; test/unit/platform/db/models.test.ts runs the
 * real one on every entity), and our Services are given entity instances, never models. So the
 * bundles need no validator: this one answers "not a model" to everything, which is the true
 * answer for an entity instance, and makes ElectroDB's own Entity constructor throw — loudly — if
 * bundled code ever built an entity without modelEntity. test/unit/platform/db/jsonschema-off.test.ts
 * runs the data layer through it.
 */
export class Validator {
  /** ElectroDB registers its custom formats here at import. */
  declare customFormats: Record<string, unknown>;

  addSchema(): void {}

  validate(): { errors: Array<{ property: string; message: string; argument?: string }> } {
    return {
      errors: [{ property: 'model', message: 'is not checked in Lambda bundles (jsonschema-off.ts)' }],
    };
  }
}
Validator.prototype.customFormats = {};
