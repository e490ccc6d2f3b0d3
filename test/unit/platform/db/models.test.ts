import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Entity } from 'electrodb';
import { modelEntity } from '../../../../shared/platform/db/model-entity';
import { entities } from '../../../../shared/platform/db/service';

const ROOT = join(__dirname, '..', '..', '..', '..');

/**
 * Entities are made with modelEntity (shared/platform/db/model-entity.ts), which skips ElectroDB's
 * constructor-time model validation to save the Lambdas' cold starts; this suite runs that
 * validation on every entity of the registry instead, and makes sure nothing bypasses the registry.
 */
describe('entity models', () => {
  it.each(Object.entries(entities))('%s passes ElectroDB model validation', (_name, entity) => {
    expect(() => new Entity(entity.schema)).not.toThrow();
  });

  it('the validation run here catches a broken model (which modelEntity alone would accept)', () => {
    const broken = {
      model: { service: 'smsproj', entity: 'broken', version: '1' },
      attributes: { id: { type: 'nonsense' } },
      indexes: { primary: { pk: { field: 'pk', composite: ['id'] } } },
    };
    // biome-ignore lint/suspicious/noExplicitAny: deliberately invalid model.
    expect(() => new Entity(broken as any)).toThrow(/Invalid model|attributes/i);
  });

  it('every entity of the table is made with modelEntity, never new Entity', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, e.name);
        if (e.isDirectory()) walk(path);
        else if (
          e.name.endsWith('.ts') &&
          e.name !== 'model-entity.ts' &&
          /new Entity\(/.test(readFileSync(path, 'utf8'))
        )
          offenders.push(relative(ROOT, path));
      }
    };
    walk(join(ROOT, 'shared'));
    expect(offenders).toEqual([]);
    expect(typeof modelEntity).toBe('function');
  });
});
