import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { buildSync } from 'esbuild';
import * as classic from 'zod';
import { PROJECT_ROOT } from '../../../lib/constructs/app-function';
import { lambdaBuildOptions } from '../../../lib/constructs/function-environment';
import { pageQuery, password } from '../../../shared/platform/http/schemas';
import { parseWith } from '../../../shared/platform/http/validate';
import * as z from '../../../shared/platform/zod';
import { bundleLikeLambda } from './lambda-bundle';

/**
 * shared/ and functions/ build schemas with zod/mini through shared/platform/zod.ts, which sets
 * the English messages classic zod loads by itself. The API returns those messages in
 * validation_failed, so they must not change with the API the schemas are written in, nor depend
 * on some other module having loaded classic zod first: the bundle is checked on its own.
 */
const INPUTS: readonly unknown[] = [
  { limit: '0' },
  { limit: 'x' },
  { limit: '2.5', cursor: 'a b' },
  { limit: 101 },
];
const classicPageQuery = classic.object({
  limit: classic.coerce.number({ message: 'limit must be a number' }).int().min(1).max(100).default(20),
  cursor: classic
    .string()
    .max(1024)
    .regex(/^[A-Za-z0-9_-]+$/, { message: 'Invalid cursor.' })
    .optional(),
});
const messagesOf = (result: { success: boolean; error?: { issues: readonly { message: string }[] } }) =>
  result.error?.issues.map((issue) => issue.message) ?? [];

describe('shared/platform/zod: zod/mini with classic English messages', () => {
  it('gives the messages classic zod gives for the same schema', () => {
    for (const input of INPUTS) {
      expect(messagesOf(pageQuery.safeParse(input))).toEqual(messagesOf(classicPageQuery.safeParse(input)));
    }
    expect(messagesOf(z.object({ n: z.number().check(z.int()) }).safeParse({ n: 'a' }))).toEqual([
      'Invalid input: expected number, received string',
    ]);
  });

  it('names every bad field in validation_failed', () => {
    expect(() => parseWith(pageQuery, { limit: '0', cursor: '!' }, 'query')).toThrow(
      expect.objectContaining({
        errors: [
          { path: 'query.limit', message: 'limit must be a number' },
          { path: 'query.cursor', message: 'Invalid cursor.' },
        ],
      }),
    );
  });

  describe('in a bundle, as the functions are built', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zod-mini-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const outfile = join(dir, 'index.mjs');
    bundleLikeLambda(
      `import { pageQuery, password } from './shared/platform/http/schemas';
const messages = (s, v) => s.safeParse(v).error?.issues.map((i) => i.message) ?? [];
export const run = () => ({ page: messages(pageQuery, { limit: '0' }), password: messages(password, 'x'.repeat(300)) });`,
      outfile,
      { aliased: true },
    );

    it('carries zod/mini and not classic zod', () => {
      const code = readFileSync(outfile, 'utf8');
      expect(code).toContain('"ZodMiniString"');
      expect(code).not.toContain('"ZodString"');
    });

    it('says the English messages without anything else loaded', () => {
      const out = execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `import(${JSON.stringify(outfile)}).then((m) => process.stdout.write(JSON.stringify(m.run())))`,
        ],
        { encoding: 'utf8' },
      );
      expect(JSON.parse(out)).toEqual({
        page: messagesOf(pageQuery.safeParse({ limit: '0' })),
        password: messagesOf(password.safeParse('x'.repeat(300))),
      });
      expect(JSON.parse(out).password[0]).toBe('Too big: expected string to have <=256 characters');
    });
  });
});

/**
 * zod/mini builds schemas by nesting calls (`z.optional(z.string())`). esbuild drops an unused
 * module-level `/* @__PURE__ *\/` call only when its arguments are free of side effects, and it
 * does not read zod's own `@__NO_SIDE_EFFECTS__` marks across modules (evanw/esbuild#4369): every
 * call nested in a module-level schema is marked `/* @__PURE__ *\/` too, and messages that are
 * computed (`${LIST.join(', ')}`) are given as `error: () => ...`. Otherwise a bundle keeps, and
 * builds at every cold start, every schema of a module it imports one export from, with what
 * they reach (libphonenumber's metadata from `e164`). Importing such a module for nothing must
 * build no schema at all.
 */
describe('module-level schemas are droppable', () => {
  /** An operator CLI (`npx tsx shared/numbers/import.ts`), never bundled into a function. */
  const NOT_BUNDLED = ['shared/numbers/import.ts'];
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sources(path);
      return entry.name.endsWith('.ts') ? [path] : [];
    });
  const modules = sources(join(PROJECT_ROOT, 'shared'))
    .filter((file) => /from '(\.\.?\/)+(platform\/)?zod'/.test(readFileSync(file, 'utf8')))
    .map((file) => relative(PROJECT_ROOT, file))
    .filter((file) => !NOT_BUNDLED.includes(file));

  it('covers the schema modules', () => {
    expect(modules).toEqual(
      expect.arrayContaining(['shared/conversations/schemas.ts', 'shared/platform/http/schemas.ts']),
    );
  });

  it('a bundle that imports a schema module and uses nothing of it builds no schema', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zod-shaking-'));
    try {
      const entries = modules.map((module, index) => {
        const entry = join(dir, `entry-${index}.ts`);
        writeFileSync(entry, `import ${JSON.stringify(join(PROJECT_ROOT, module))};\n`);
        return entry;
      });
      const { metafile } = buildSync({
        ...lambdaBuildOptions(PROJECT_ROOT),
        entryPoints: entries,
        outdir: join(dir, 'out'),
        sourcemap: false,
        metafile: true,
        write: false,
      });
      const builders = (inputs: Record<string, { bytesInOutput: number }>) =>
        Object.entries(inputs)
          .filter(([path, input]) => path.includes('zod/v4/mini/schemas') && input.bytesInOutput > 0)
          .reduce((bytes, [, input]) => bytes + input.bytesInOutput, 0);
      const keeping = Object.values(metafile.outputs)
        .filter((output) => output.entryPoint)
        .map((output) => ({
          module: modules[Number(/entry-(\d+)\.ts$/.exec(output.entryPoint ?? '')?.[1])],
          builderBytes: builders(output.inputs),
        }))
        .filter((kept) => kept.builderBytes > 0);
      expect(keeping).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
