/**
 * The web client's access to the API: the SDK's typed client (../../../sdk/client.ts, generated
 * from the route table), with the browser session's credentials and one silent token refresh.
 */
import { ApiProblem, createClient, type operations, type SmsProjClient, unwrap } from '../../../sdk/client';
import { appConfig } from './config';
import { getTokens, setTokens } from './tokens';

export { ApiProblem, unwrap };
export type { Schemas } from '../../../sdk/client';

/** The JSON body an operation takes (`RequestBody<'createConversation'>`). */
export type RequestBody<Id extends keyof operations> = operations[Id] extends {
  requestBody?: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;

let sessionLost: () => void = () => {};

/** What to do when the session cannot be kept alive (the app navigates to /login). */
export function onSessionLost(handler: () => void): void {
  sessionLost = handler;
}

/** A 429 is retried after its Retry-After, but never keeps the page waiting for long. */
const retry = { maxDelaySeconds: 10 } as const;

const baseUrl = () => appConfig().apiUrl || window.location.origin;

interface Clients {
  readonly baseUrl: string;
  readonly api: SmsProjClient;
  readonly anonymous: SmsProjClient;
}
let clients: Clients | undefined;

/** The clients for the configured API URL (known once /config.json has loaded). */
function current(): Clients {
  const url = baseUrl();
  if (clients?.baseUrl !== url) {
    clients = {
      baseUrl: url,
      api: createClient({
        baseUrl: url,
        accessToken: () => getTokens()?.accessToken,
        fetch: sessionFetch,
        retry,
      }),
      anonymous: createClient({ baseUrl: url, retry }),
    };
  }
  return clients;
}

/** The session's client: bearer token, one silent refresh on a 401, then /login. */
export const api = (): SmsProjClient => current().api;
/** Public operations (register, login, plans, ...): no credentials. */
export const anonymous = (): SmsProjClient => current().anonymous;

let refreshing: Promise<boolean> | null = null;

/** Exchanges the refresh token for a new access token; concurrent callers share one attempt. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const tokens = getTokens();
    if (!tokens) return false;
    try {
      const { data } = await anonymous().POST('/v1/auth/refresh', {
        body: { refreshToken: tokens.refreshToken },
      });
      if (!data) return false;
      setTokens({ accessToken: data.accessToken, refreshToken: data.refreshToken ?? tokens.refreshToken });
      return true;
    } catch {
      return false;
    }
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** Sends with the session's token; on a 401, refreshes once and resends, else ends the session. */
async function sessionFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  const response = await fetch(request.clone());
  if (response.status !== 401 || !getTokens()) return response;
  let last = response;
  if (await refreshSession()) {
    const again = new Request(request);
    again.headers.set('authorization', `Bearer ${getTokens()?.accessToken ?? ''}`);
    last = await fetch(again);
  }
  if (last.status === 401) {
    setTokens(null);
    sessionLost();
  }
  return last;
}

/** A fresh Idempotency-Key for one user intent (a retry of the same click reuses it). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The header parameter of an operation that honours Idempotency-Key. */
export const idempotent = (key: string) => ({ header: { 'Idempotency-Key': key } });

/** Query parameters without the unset ones (`''` from an empty form field, null, undefined). */
export function query<T extends object>(values: T): { [K in keyof T]?: Exclude<T[K], '' | null> } {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined && value !== null && value !== ''),
  ) as { [K in keyof T]?: Exclude<T[K], '' | null> };
}

/** A readable one-line message for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiProblem) return error.detail;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
