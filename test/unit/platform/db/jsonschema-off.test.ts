import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleLikeLambda } from '../lambda-bundle';

/**
 * Lambda bundles replace ElectroDB's model checker (`jsonschema`) with
 * shared/platform/db/jsonschema-off.ts (BUNDLE_ALIASES). This suite bundles the data layer with and
 * without the alias, runs both in Node, and requires the same answers: the registry's Service
 * built over every entity (the step that asks the checker "is this a model?"), and every
 * entity's key and item parameters. It also shows the one thing the stub refuses: an entity
 * built the unchecked way (`new Entity(model)`) throws in a bundle.
 */
const ENTRY = `
import { Entity } from 'electrodb';
import { db, entities } from './shared/platform/db/service';
const out = {};
process.env.TABLE_NAME = 'bench-table';
const service = db();
out.entities = Object.keys(service.entities).sort();
for (const [name, entity] of Object.entries(entities)) {
  const pk = entity.schema.indexes.primary ?? Object.values(entity.schema.indexes)[0];
  const composite = [...(pk.pk.composite ?? []), ...(pk.sk?.composite ?? [])];
  const key = Object.fromEntries(composite.map((attribute) => [attribute, 'k1']));
  try {
    out[name] = service.entities[name].get(key).params();
  } catch (error) {
    out[name] = 'error: ' + error.message;
  }
}
try {
  new Entity({ model: { service: 's', entity: 'e', version: '1' }, attributes: { id: { type: 'string' } },
    indexes: { primary: { pk: { field: 'pk', composite: ['id'] }, sk: { field: 'sk', composite: [] } } } });
  out.uncheckedEntity = 'built';
} catch (error) {
  out.uncheckedEntity = 'throws';
}
console.log(JSON.stringify(out));
`;

describe('jsonschema-off: the data layer in a bundle without the model checker', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jsonschema-off-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (alias: boolean): Record<string, unknown> => {
    const outfile = join(dir, alias ? 'aliased.mjs' : 'plain.mjs');
    bundleLikeLambda(ENTRY, outfile, { aliased: alias });
    const env = { ...process.env, AWS_REGION: 'us-east-1', TABLE_NAME: 'bench-table' };
    return JSON.parse(execFileSync(process.execPath, [outfile], { env, encoding: 'utf8' })) as Record<
      string,
      unknown
    >;
  };

  it('gives the same Service and parameters for every entity, and refuses unchecked entities', () => {
    const plain = run(false);
    const aliased = run(true);
    expect((plain.entities as string[]).length).toBeGreaterThan(40);
    const { uncheckedEntity: plainUnchecked, ...plainRest } = plain;
    const { uncheckedEntity: aliasedUnchecked, ...aliasedRest } = aliased;
    const answered = Object.values(plainRest).filter((v) => typeof v === 'object' && !Array.isArray(v));
    expect(answered.length).toBeGreaterThan(40);
    expect(aliasedRest).toEqual(plainRest);
    expect(plainUnchecked).toBe('built');
    expect(aliasedUnchecked).toBe('throws');
  }, 60_000);
});
