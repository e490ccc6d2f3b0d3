import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type * as z from '../../../shared/platform/zod';
import { createRouter } from '../../../local/gateway/router';
import { problemCodesFor, problemSchemaFor } from '../../../shared/platform/http/problems';
import type { RouteDef } from '../../../shared/platform/http/route';
import { successResponsesOf } from '../../../shared/platform/openapi';
import { routes } from '../../../shared/routes';

/**
 * Contract check of every response the integration suites receive: the request's method and
 * path are matched to a route of the route table (the same matcher as the local gateway), and
 * the response must be one the route documents (/openapi.json is generated from the same
 * declarations): a documented success status whose body satisfies its zod schema, or a
 * documented problem status with an application/problem+json body whose `code` is one of that
 * status's codes. zod schemas validate directly (`safeParse`), compiled once per run.
 *
 * `SMSPROJ_CONTRACT=report` records violations (test-output/contract-violations.jsonl) without
 * failing; the default fails the request with a message naming the route, status and fields.
 */
interface Expected {
  readonly route: RouteDef;
  readonly success: ReadonlyMap<
    number,
    { schema?: z.ZodMiniType; contentType: string; alternatives: string[] }
  >;
  readonly problems: ReadonlyMap<number, { codes: readonly string[]; schema: z.ZodMiniType }>;
}

let compiled: { match: (method: string, path: string) => Expected | undefined } | undefined;

function contracts() {
  if (compiled) return compiled;
  const expectations = routes.map((route): Expected & { method: string; path: string } => ({
    method: route.method,
    path: route.path,
    route,
    success: new Map(
      Object.entries(successResponsesOf(route)).map(([status, response]) => [
        Number(status),
        {
          ...(response.schema ? { schema: response.schema } : {}),
          contentType: response.contentType ?? 'application/json',
          alternatives: [...(response.alternatives ?? [])],
        },
      ]),
    ),
    problems: new Map(
      [...problemCodesFor(route)].map(([status, codes]) => [
        status,
        { codes, schema: problemSchemaFor(status, codes) },
      ]),
    ),
  }));
  const router = createRouter(expectations);
  compiled = {
    match: (method, path) => {
      const found = router.match(method, path);
      return found.kind === 'match' ? found.item : undefined;
    },
  };
  return compiled;
}

export interface ObservedResponse {
  readonly method: string;
  readonly url: URL;
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: unknown;
}

/** The contract violations of one response (empty when it is documented, or not an API route). */
export function contractViolations(response: ObservedResponse): string[] {
  const { method, url, status, headers, text, json } = response;
  if (!url.pathname.startsWith('/v1/')) return [];
  const expected = contracts().match(method.toUpperCase(), url.pathname);
  // Unknown paths and methods are the gateway's routing 404/405, not an operation's response.
  if (!expected) return [];
  const { route } = expected;
  const where = `${route.id} (${route.method} ${route.path}) answered ${status}`;
  const contentType = (headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();

  if (status >= 200 && status < 300) {
    const success = expected.success.get(status);
    if (!success) {
      return [
        `${where}, which it does not document (documented: ${[...expected.success.keys()].join(', ')})`,
      ];
    }
    if (!success.schema) return text.length === 0 ? [] : [`${where} with a body, but documents none`];
    if (success.alternatives.includes(contentType)) return [];
    if (contentType !== success.contentType) return [`${where} as ${contentType || 'no content type'}`];
    return issues(where, success.schema, json);
  }
  if (status >= 400) {
    const problem = expected.problems.get(status);
    const code = (json as { code?: unknown } | undefined)?.code;
    if (!problem) return [`${where} (code ${String(code)}), a status it does not document`];
    if (contentType !== 'application/problem+json') return [`${where} as ${contentType}, not problem+json`];
    return issues(where, problem.schema, json);
  }
  return [`${where}, a status it does not document`];
}

function issues(where: string, schema: z.ZodMiniType, body: unknown): string[] {
  const result = schema.safeParse(body);
  if (result.success) return [];
  return result.error.issues.map(
    (issue) => `${where}: body.${issue.path.join('.') || '(root)'}: ${issue.message}`,
  );
}

const REPORT_ONLY = process.env.SMSPROJ_CONTRACT === 'report';

/** Throws (or, in report mode, records) when the response breaks the documented contract. */
export function checkContract(response: ObservedResponse): void {
  const violations = contractViolations(response);
  if (violations.length === 0) return;
  const dir = join(__dirname, '../../../test-output');
  mkdirSync(dir, { recursive: true });
  appendFileSync(
    join(dir, 'contract-violations.jsonl'),
    `${JSON.stringify({ test: expect.getState().currentTestName, violations })}\n`,
  );
  if (!REPORT_ONLY) {
    throw new Error(`Response does not match /openapi.json:\n  ${violations.join('\n  ')}`);
  }
}
