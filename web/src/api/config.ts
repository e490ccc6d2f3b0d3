/**
 * Where the API lives. Locally the runtime serves the app and the API from one origin, so the
 * defaults are relative. CDK overwrites /config.json at deploy time with the REST and
 * WebSocket URLs of the stage (`{ "apiUrl": "...", "wsUrl": "..." }`).
 */
export interface AppConfig {
  readonly apiUrl: string;
  readonly wsUrl: string;
}

let config: AppConfig = defaults();

function defaults(): AppConfig {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return { apiUrl: '', wsUrl: `${scheme}//${window.location.host}/ws` };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export async function loadConfig(): Promise<AppConfig> {
  try {
    const response = await fetch('/config.json', { cache: 'no-store' });
    const type = response.headers.get('content-type') ?? '';
    if (response.ok && type.includes('json')) {
      const body: unknown = await response.json();
      if (isRecord(body)) {
        const base = defaults();
        config = {
          apiUrl: typeof body['apiUrl'] === 'string' ? body['apiUrl'].replace(/\/$/, '') : base.apiUrl,
          wsUrl: typeof body['wsUrl'] === 'string' ? body['wsUrl'] : base.wsUrl,
        };
      }
    }
  } catch {
    // No deploy-time config: the same-origin defaults apply.
  }
  return config;
}

export const appConfig = (): AppConfig => config;
