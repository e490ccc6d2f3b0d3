import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { entities as registry } from '../../../../shared/platform/db/service';

const ROOT = join(__dirname, '..', '..', '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const sources = [...files(join(ROOT, 'shared')), ...files(join(ROOT, 'functions'))];
const dataModules = sources.filter((f) => /[/-]db\.ts$/.test(f));

describe('per-context data modules', () => {
  it('exist for the contexts', () => {
    expect(dataModules.length).toBeGreaterThan(5);
  });

  it.each(dataModules.map((f) => relative(ROOT, f)))(
    '%s holds registered entities under their registry names',
    async (file) => {
      const { entities } = (await import(join(ROOT, file))) as { entities: Record<string, unknown> };
      for (const [name, entity] of Object.entries(entities)) {
        expect([name, entity === registry[name as keyof typeof registry]]).toEqual([name, true]);
      }
    },
  );

  it('production code never loads the registry Service of all entities', () => {
    const importsRegistry = (file: string) => {
      const source = readFileSync(file, 'utf8');
      return (
        /from '[^']*\/db\/service'/.test(source) ||
        (file.includes('/platform/db/') && /from '\.\/service'/.test(source))
      );
    };
    expect(sources.filter(importsRegistry).map((f) => relative(ROOT, f))).toEqual([
      'shared/platform/db/table-definition.ts',
    ]);
  });
});
