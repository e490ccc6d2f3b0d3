/**
 * Matches request paths against API Gateway style templates (`/v1/conversations/{id}`).
 * A `{param}` matches exactly one non-empty segment, URL-decoded; literal segments win over
 * parameters when both could match, as in API Gateway. Generic over what is routed, so the
 * REST route table and the dev endpoints share one matcher.
 */
export interface Routable {
  readonly method: string;
  readonly path: string;
}

export type RouteMatch<T extends Routable> =
  | { readonly kind: 'match'; readonly item: T; readonly params: Readonly<Record<string, string>> }
  | { readonly kind: 'method_not_allowed'; readonly allow: readonly string[] }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'bad_path' };

type Segment = { readonly literal: string } | { readonly param: string };

interface Compiled<T> {
  readonly item: T;
  readonly method: string;
  readonly segments: readonly Segment[];
  /** Literal segments count: more specific templates are tried first. */
  readonly specificity: number;
}

export interface Router<T extends Routable> {
  match(method: string, pathname: string): RouteMatch<T>;
}

export function createRouter<T extends Routable>(items: readonly T[]): Router<T> {
  const compiled: Compiled<T>[] = items.map((item) => {
    const segments = splitPath(item.path).map((raw): Segment => {
      const param = /^\{([A-Za-z0-9_]+)\}$/.exec(raw)?.[1];
      return param ? { param } : { literal: raw };
    });
    return {
      item,
      method: item.method.toUpperCase(),
      segments,
      specificity: segments.filter((segment) => 'literal' in segment).length,
    };
  });
  compiled.sort((a, b) => b.specificity - a.specificity);

  return {
    match(method, pathname) {
      const rawSegments = splitPath(pathname);
      let decoded: string[];
      try {
        decoded = rawSegments.map((segment) => decodeURIComponent(segment));
      } catch {
        return { kind: 'bad_path' };
      }
      const allow = new Set<string>();
      for (const candidate of compiled) {
        const params = matchSegments(candidate.segments, decoded);
        if (!params) continue;
        if (candidate.method === method.toUpperCase()) return { kind: 'match', item: candidate.item, params };
        allow.add(candidate.method);
      }
      return allow.size > 0
        ? { kind: 'method_not_allowed', allow: [...allow].sort() }
        : { kind: 'not_found' };
    },
  };
}

function splitPath(path: string): string[] {
  // "/v1/me" -> ["v1", "me"]; "/" -> []. A trailing slash yields an empty segment that matches nothing.
  return path === '/' ? [] : path.replace(/^\//, '').split('/');
}

function matchSegments(
  template: readonly Segment[],
  actual: readonly string[],
): Record<string, string> | undefined {
  if (template.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i += 1) {
    const segment = template[i]!;
    const value = actual[i]!;
    if ('literal' in segment) {
      if (segment.literal !== value) return undefined;
    } else {
      if (value === '') return undefined;
      params[segment.param] = value;
    }
  }
  return params;
}
