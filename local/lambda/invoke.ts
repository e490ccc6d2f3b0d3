import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { FUNCTIONS_DIR } from '../paths';
import { createLambdaContext } from './context';

/** Invokes a handler module (below functions/) as Lambda would: `handler(event, context)`. */
export type LambdaInvoker = (module: string, event: unknown, options?: InvokeOptions) => Promise<unknown>;

export interface InvokeOptions {
  /** Lambda timeout. @default 29000 (API Gateway's integration limit) */
  readonly timeoutMs?: number;
  readonly memoryMb?: number;
  /** Reuse the gateway's request id as the Lambda request id, as the logs then line up. */
  readonly requestId?: string;
}

type Handler = (event: unknown, context: Context) => unknown;

/** The function did not finish within its timeout (API Gateway answers 504). */
export class LambdaTimeoutError extends Error {
  constructor(
    readonly module: string,
    readonly timeoutMs: number,
  ) {
    super(`Handler ${module} timed out after ${timeoutMs} ms`);
    this.name = 'LambdaTimeoutError';
  }
}

/** Module names come from the route, WebSocket and job tables: kebab-case path segments only. */
const MODULE_NAME = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/;

/**
 * Loads handler modules lazily, on first use, and caches them like a warm Lambda container.
 * Lazy loading matters: handlers read configuration at module load, so they must only be
 * imported after the runtime has pointed `process.env` at the emulators.
 */
export function createInvoker(functionsDir: string = FUNCTIONS_DIR): LambdaInvoker {
  const cache = new Map<string, Promise<Handler>>();
  const load = (module: string): Promise<Handler> => {
    let pending = cache.get(module);
    if (!pending) {
      pending = importHandler(functionsDir, module);
      // A failed import (syntax error while editing) is retried on the next call.
      pending.catch(() => cache.delete(module));
      cache.set(module, pending);
    }
    return pending;
  };
  return async (module, event, options = {}) => {
    const handler = await load(module);
    const timeoutMs = options.timeoutMs ?? 29_000;
    const context = createLambdaContext({
      module,
      timeoutMs,
      ...(options.memoryMb !== undefined ? { memoryMb: options.memoryMb } : {}),
      ...(options.requestId !== undefined ? { requestId: options.requestId } : {}),
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new LambdaTimeoutError(module, timeoutMs)), timeoutMs);
      timer.unref();
    });
    try {
      return await Promise.race([Promise.resolve(handler(event, context)), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
}

async function importHandler(functionsDir: string, module: string): Promise<Handler> {
  if (!MODULE_NAME.test(module)) throw new Error(`Invalid handler module name: ${module}`);
  const file = join(functionsDir, `${module}.ts`);
  if (!existsSync(file)) throw new Error(`Handler module ${module} not found (${file})`);
  const loaded: unknown = await import(file);
  const handler = pickHandler(loaded);
  if (!handler) throw new Error(`Handler module ${module} does not export a handler function`);
  return handler;
}

/** `handler` as a named export, or under `default` when the module was loaded through CommonJS interop. */
function pickHandler(loaded: unknown): Handler | undefined {
  if (typeof loaded !== 'object' || loaded === null) return undefined;
  const direct = (loaded as { handler?: unknown }).handler;
  if (typeof direct === 'function') return direct as Handler;
  const viaDefault = (loaded as { default?: { handler?: unknown } }).default?.handler;
  return typeof viaDefault === 'function' ? (viaDefault as Handler) : undefined;
}
