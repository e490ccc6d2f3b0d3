import type * as z from '../../shared/platform/zod';
import type { HttpMethod } from '../../shared/platform/http/route';
import type { JobDef } from '../../shared/platform/jobs/registry';
import type { WsConnectionInfo } from '../gateway/websocket';
import type { LambdaInvoker } from '../lambda/invoke';

/**
 * Local-only endpoints under /dev (mailbox, jobs, and later credits, SMS outbox and inbound):
 * tools for people and tests that stand in for AWS consoles and carriers. They are mounted by
 * the local gateway only and never deployed. Each is a small module that exports a
 * `defineDevEndpoint(...)`; add it to the list in ./index.ts.
 */
export interface DevRequest<Q, B> {
  readonly params: Readonly<Record<string, string>>;
  /** Parsed with the endpoint's `query` schema (400 validation_failed otherwise). */
  readonly query: Q;
  /** Parsed with the endpoint's `body` schema; an empty body is validated as `{}`. */
  readonly body: B;
}

export interface DevResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** What dev endpoints may use from the running runtime. */
export interface DevContext {
  /** Invokes a handler module exactly as the gateway and the scheduler do. */
  readonly invoke: LambdaInvoker;
  readonly jobs: readonly JobDef[];
  /** Open WebSocket connections. */
  readonly connections: () => readonly WsConnectionInfo[];
}

type Infer<T> = T extends z.ZodMiniType ? z.infer<T> : undefined;

export interface DevEndpoint<
  Q extends z.ZodMiniType | undefined = z.ZodMiniType | undefined,
  B extends z.ZodMiniType | undefined = z.ZodMiniType | undefined,
> {
  readonly method: HttpMethod;
  /** Path template below /dev, with {param} segments: /dev/jobs/{name}/run. */
  readonly path: string;
  readonly summary: string;
  readonly query?: Q;
  readonly body?: B;
  handle(request: DevRequest<Infer<Q>, Infer<B>>, context: DevContext): Promise<DevResponse>;
}

/** Keeps the schemas' types flowing into `handle` while checking the shape. */
export const defineDevEndpoint = <
  Q extends z.ZodMiniType | undefined = undefined,
  B extends z.ZodMiniType | undefined = undefined,
>(
  endpoint: DevEndpoint<Q, B>,
): DevEndpoint<Q, B> => {
  if (!endpoint.path.startsWith('/dev/'))
    throw new Error(`Dev endpoint paths start with /dev/: ${endpoint.path}`);
  return endpoint;
};
