import { join } from 'node:path';
import { build } from 'esbuild';
import * as z from 'zod';
import { created, httpHandler } from '../../../../shared/platform/http/handler';
import { idempotentHandler } from '../../../../shared/platform/http/idempotency';
import { defineRoute } from '../../../../shared/platform/http/route';

const ROOT = join(__dirname, '..', '..', '..', '..');

const route = (idempotent: boolean) =>
  defineRoute({
    id: idempotent ? 'testCreate' : 'testRead',
    method: 'POST',
    path: '/v1/test',
    handler: 'test/create',
    auth: 'user',
    summary: 'create',
    body: z.object({ text: z.string() }),
    ...(idempotent ? { idempotent: true } : {}),
  });

const fn = async () => created({});

/** The modules a bundle of `file` loads (esbuild's module graph, nothing written). */
async function moduleGraph(file: string): Promise<string[]> {
  const { metafile } = await build({
    entryPoints: [join(ROOT, file)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return Object.keys(metafile.inputs);
}

describe('the idempotent handler is a separate middleware', () => {
  it('httpHandler refuses an idempotent route (the Idempotency-Key must not be ignored)', () => {
    expect(() => httpHandler(route(true), fn)).toThrow(/idempotentHandler/);
  });

  it('idempotentHandler refuses a route that is not idempotent', () => {
    expect(() => idempotentHandler(route(false), fn)).toThrow(/httpHandler/);
  });

  it('builds both kinds of handler for the right routes', () => {
    expect(typeof httpHandler(route(false), fn)).toBe('function');
    expect(typeof idempotentHandler(route(true), fn)).toBe('function');
  });

  it('the plain handler factory loads neither the idempotency middleware nor the database', async () => {
    const modules = await moduleGraph('shared/platform/http/handler.ts');
    expect(modules.filter((m) => /idempotency|platform\/db\/|electrodb|@aws-sdk/.test(m))).toEqual([]);
  });
});
