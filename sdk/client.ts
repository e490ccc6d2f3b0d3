/**
 * The SMSPROJ API client: typed from /openapi.json (`npm run sdk:generate` writes ./schema.ts),
 * runtime openapi-fetch only, no Node built-ins (the web client imports it in the browser).
 * ./index.ts adds `verifyWebhook` (node:crypto) for receivers.
 *
 * Helpers: bearer or API-key auth, an automatic Idempotency-Key on the operations that honour
 * it (so retries never repeat a charge), bounded retry of 429 honouring Retry-After, async
 * iteration over cursor pages, and problem+json errors as a typed `ApiProblem`.
 */
import createFetchClient, { type Client, type Middleware } from 'openapi-fetch';
import { IDEMPOTENT_OPERATIONS } from './operations';
import type { components, operations, paths } from './schema';

export type { components, operations, paths };
/** Named schemas of the API (`Schemas['Conversation']`, ...). */
export type Schemas = components['schemas'];
export {
  IDEMPOTENT_OPERATIONS,
  SCOPES,
  type Scope,
  WEBHOOK_EVENT_TYPES,
  type WebhookEventType,
} from './operations';

/** A credential, or a function returning the current one (e.g. after a token refresh). */
export type Credential = string | (() => string | undefined | Promise<string | undefined>);

export interface RetryOptions {
  /** Retries of a 429 before its response is returned. @default 3 */
  readonly maxRetries?: number;
  /** Longest wait honoured; a longer Retry-After returns the 429 at once. @default 60 */
  readonly maxDelaySeconds?: number;
  /** Waits; tests pass an instant one. @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface ClientOptions {
  /** Base URL without `/v1`, e.g. http://localhost:3000. */
  readonly baseUrl: string;
  /** Cognito access token (POST /v1/auth/login), sent as `Authorization: Bearer`. */
  readonly accessToken?: Credential;
  /** API key (POST /v1/me/api-keys), sent as `X-Api-Key`. */
  readonly apiKey?: Credential;
  /** `false` turns the automatic 429 retry off. */
  readonly retry?: RetryOptions | false;
  /** Generates Idempotency-Key values. @default crypto.randomUUID */
  readonly idempotencyKey?: () => string;
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  readonly headers?: Readonly<Record<string, string>>;
}

export type SmsProjClient = Client<paths>;

/** A typed client: `client.GET('/v1/me')`, `client.POST('/v1/sms', { body })`, ... */
export function createClient(options: ClientOptions): SmsProjClient {
  const baseFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const client = createFetchClient<paths>({
    baseUrl: options.baseUrl.replace(/\/$/, ''),
    fetch: options.retry === false ? baseFetch : retrying(baseFetch, options.retry ?? {}),
    ...(options.headers ? { headers: options.headers } : {}),
  });
  client.use(authMiddleware(options), idempotencyMiddleware(options.idempotencyKey));
  return client;
}

function authMiddleware(options: ClientOptions): Middleware {
  return {
    async onRequest({ request }) {
      const token = await resolve(options.accessToken);
      const apiKey = await resolve(options.apiKey);
      if (token && !request.headers.has('authorization'))
        request.headers.set('authorization', `Bearer ${token}`);
      if (apiKey && !request.headers.has('x-api-key')) request.headers.set('x-api-key', apiKey);
      return request;
    },
  };
}

const resolve = async (credential: Credential | undefined): Promise<string | undefined> =>
  typeof credential === 'function' ? credential() : credential;

/** One key per call (not per attempt): a retried call is recognised by the server and done once. */
function idempotencyMiddleware(generate: (() => string) | undefined): Middleware {
  const newKey = generate ?? (() => globalThis.crypto.randomUUID());
  return {
    onRequest({ request, schemaPath }) {
      if (
        IDEMPOTENT_OPERATIONS.has(`${request.method} ${schemaPath}`) &&
        !request.headers.has('idempotency-key')
      ) {
        request.headers.set('idempotency-key', newKey());
      }
      return request;
    },
  };
}

/** A fetch that retries a 429 after its Retry-After (whole seconds), a bounded number of times. */
export function retrying(inner: typeof fetch, options: RetryOptions): typeof fetch {
  const maxRetries = options.maxRetries ?? 3;
  const maxDelay = options.maxDelaySeconds ?? 60;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  return async (input, init) => {
    const request = new Request(input, init);
    for (let attempt = 0; ; attempt++) {
      const response = await inner(request.clone());
      if (response.status !== 429 || attempt >= maxRetries) return response;
      const seconds = Number(response.headers.get('retry-after') ?? '1');
      if (!Number.isFinite(seconds) || seconds < 0 || seconds > maxDelay) return response;
      await response.body?.cancel();
      await sleep(Math.max(seconds, 0) * 1000);
    }
  };
}

/** RFC 9457 problem details, as every API error is sent. */
export type ProblemBody = Schemas['Problem'];

/** An API error: status, the stable `code`, and field errors for a 400 validation_failed. */
export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: ReadonlyArray<{ readonly path: string; readonly message: string }>;
  /** The whole body, extension members (retryAfter, ...) included. */
  readonly body: ProblemBody;

  /** `body` is the parsed error response: a problem, or anything else (a proxy's error page). */
  constructor(status: number, body: unknown) {
    const given = isProblemLike(body) ? body : undefined;
    const problem: ProblemBody = {
      type: given?.type ?? 'about:blank',
      title: given?.title ?? `HTTP ${status}`,
      status: given?.status ?? status,
      detail: given?.detail ?? given?.title ?? `HTTP ${status}`,
      code: given?.code ?? 'unknown',
      ...given,
    };
    super(`${status} ${problem.code}: ${problem.detail}`);
    this.name = 'ApiProblem';
    this.status = status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
    this.body = problem;
  }
}

const isProblemLike = (value: unknown): value is Partial<ProblemBody> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

type FetchResult<T> = { data?: T; error?: unknown; response: Response };

/** The data of a successful call; an error response becomes a thrown `ApiProblem`. */
export async function unwrap<T>(call: Promise<FetchResult<T>> | FetchResult<T>): Promise<T> {
  const result = await call;
  if (!result.response.ok) {
    throw new ApiProblem(result.response.status, result.error);
  }
  return result.data as T;
}

/** A cursor page (`{ items, nextCursor }`). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor?: string | null;
}

/**
 * Every item of a cursor-paged list, fetching pages as the loop asks for them:
 * `for await (const m of paginate((cursor) => api.GET('/v1/conversations/{id}/messages',
 * { params: { path: { id }, query: { cursor, limit: 50 } } })))`.
 */
export async function* paginate<T>(
  fetchPage: (cursor: string | undefined) => Promise<FetchResult<Page<T>>>,
): AsyncGenerator<T, void, undefined> {
  let cursor: string | undefined;
  do {
    const page = await unwrap(fetchPage(cursor));
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
