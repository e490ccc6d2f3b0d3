import type middy from '@middy/core';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type * as z from '../zod';
import type { AuthContext, RouteDef } from './route';

/**
 * The types the HTTP chain's middlewares share (the handler factory, the idempotency middleware):
 * a module of its own, so that a middleware never imports the factory that uses it.
 */

type Infer<T> = NonNullable<T> extends z.ZodMiniType ? z.infer<NonNullable<T>> : undefined;

export interface HandlerInput<R extends RouteDef> {
  readonly params: Infer<R['params']>;
  readonly query: Infer<R['query']>;
  readonly body: Infer<R['body']>;
  /** Present on every non-public route. */
  readonly auth: R['auth'] extends 'public' ? AuthContext | undefined : AuthContext;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly requestId: string;
  readonly sourceIp: string;
}

export interface HttpResult {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Send `body` as is (a string) instead of JSON, e.g. a CSV download. */
  readonly raw?: boolean;
}

/** A route's function: validated input in, HTTP result out. */
export type RouteFunction<R extends RouteDef> = (input: HandlerInput<R>) => Promise<HttpResult>;

/** What the middlewares hand each other on `request.internal`. */
export interface HttpInternal extends Record<string, unknown> {
  rawBody?: string;
  parsedBody?: unknown;
  /** The idempotency record this request holds (set by the idempotency middleware). */
  idempotency?: { readonly id: string };
}

/** The validated input travels on the Lambda context: middy handlers do not see `request.internal`. */
export interface HttpContext extends Context {
  input?: HandlerInput<RouteDef>;
  /** A stored response to replay instead of calling the function (set by the idempotency middleware). */
  replay?: APIGatewayProxyResult;
}

export type HttpRequest = middy.Request<
  APIGatewayProxyEvent,
  APIGatewayProxyResult,
  Error,
  HttpContext,
  HttpInternal
>;
export type HttpMiddleware = MiddlewareObj<
  APIGatewayProxyEvent,
  APIGatewayProxyResult,
  Error,
  HttpContext,
  HttpInternal
>;
