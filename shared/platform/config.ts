/**
 * Configuration from `process.env`. Each section is parsed once, on first use, so a function
 * fails fast on a missing variable it needs while a function that never touches (say) S3 does
 * not need the bucket's variables.
 *
 * Deliberately without zod: every Lambda reads its configuration, and several (the authorizer,
 * the jobs, the WebSocket and SMS handlers) validate nothing else, so zod's ~90 KB and its module
 * initialisation would be paid by every cold start for a dozen environment variables
 * (bench/RESULTS.md, "Cold start"). The field helpers below cover what the variables need.
 */

/** One variable: parses the raw value (undefined when unset or empty) or returns an error message. */
type Field<T> = (raw: string | undefined) => { value: T } | { error: string };

const ok = <T>(value: T) => ({ value });

function text(opts: { min?: number; default: string }): Field<string>;
function text(opts?: { min?: number }): Field<string>;
function text(opts: { min?: number; default?: string } = {}): Field<string> {
  const min = opts.min ?? 1;
  return (raw) => {
    if (raw === undefined) return opts.default !== undefined ? ok(opts.default) : { error: 'required' };
    return raw.length >= min ? ok(raw) : { error: `must have at least ${min} characters` };
  };
}

function url(opts: { default: string }): Field<string>;
function url(opts?: object): Field<string>;
function url(opts: { default?: string } = {}): Field<string> {
  return (raw) => {
    if (raw === undefined) return opts.default !== undefined ? ok(opts.default) : { error: 'required' };
    return URL.canParse(raw) ? ok(raw) : { error: 'must be a URL' };
  };
}

function oneOf<const V extends string>(values: readonly V[], fallback: V): Field<V> {
  return (raw) => {
    if (raw === undefined) return ok(fallback);
    return (values as readonly string[]).includes(raw)
      ? ok(raw as V)
      : { error: `must be one of ${values.join(', ')}` };
  };
}

function integer(min: number, max: number, fallback: number): Field<number> {
  return (raw) => {
    if (raw === undefined) return ok(fallback);
    const value = Number(raw.trim());
    return Number.isInteger(value) && value >= min && value <= max
      ? ok(value)
      : { error: `must be an integer from ${min} to ${max}` };
  };
}

/** The field may be unset (its value is then undefined). */
function optional<T>(field: Field<T>): Field<T | undefined> {
  return (raw) => (raw === undefined ? ok(undefined) : field(raw));
}

const sections = {
  core: {
    SMSPROJ_RUNTIME: oneOf(['aws', 'local'], 'aws'),
    AWS_REGION: text({ default: 'us-east-1' }),
    LOG_LEVEL: oneOf(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT'], 'INFO'),
    /** Local only: where the local runtime keeps emulator data, the mailbox and the SMS outbox. */
    LOCAL_DATA_DIR: optional(text()),
  },
  table: {
    TABLE_NAME: text(),
    DYNAMODB_ENDPOINT: optional(url()),
  },
  cognito: {
    USER_POOL_ID: text(),
    USER_POOL_CLIENT_ID: text(),
    COGNITO_ENDPOINT: optional(url()),
    /** Local only: issuer and JWKS of cognito-local (in AWS both derive from the pool id). */
    JWT_ISSUER: optional(url()),
    JWKS_URI: optional(url()),
  },
  storage: {
    BUCKET_NAME: text(),
    S3_ENDPOINT: optional(url()),
    /** Local only: the URL browsers use to reach the S3 emulator (presigned URLs are signed for it). */
    S3_PUBLIC_ENDPOINT: optional(url()),
  },
  realtime: {
    /** API Gateway management endpoint (https://{api}.execute-api.{region}.amazonaws.com/{stage}) or the local gateway. */
    WS_MANAGEMENT_ENDPOINT: url(),
  },
  email: {
    EMAIL_FROM: text({ min: 3, default: 'no-reply@smsproj.local' }),
  },
  sms: {
    SMS_QUEUE_URL: optional(url()),
    LOCAL_CARRIER_URL: optional(url()),
    /** AWS carrier: End User Messaging v2 `SendTextMessage` (default) or the SNS `Publish` fallback. */
    SMS_CARRIER: oneOf(['eum', 'sns'], 'eum'),
    /** End User Messaging configuration set (its event destination feeds delivery receipts). */
    SMS_CONFIGURATION_SET: optional(text()),
    /** End User Messaging opt-out list the platform's opt-outs are mirrored to. */
    SMS_OPT_OUT_LIST: optional(text()),
    /** `eum`: numbers can be requested from End User Messaging on demand; `manual`: imported only. */
    SMS_PROVISIONING: oneOf(['manual', 'eum'], 'manual'),
    /** Two-way SMS topic newly requested numbers deliver inbound SMS to. */
    SMS_INBOUND_TOPIC_ARN: optional(text()),
  },
  smsPolicy: {
    /** Destination countries (ISO 3166-1 alpha-2, comma-separated) an account may send to. */
    SMS_ALLOWED_COUNTRIES: text({ min: 2, default: 'US,CA,GB,DE,FR' }),
    /** JSON `{ "US": 1, ... }`: per-segment price in cents by destination country. */
    SMS_PRICES: optional(text({ min: 2 })),
  },
  verifications: {
    /** JSON array overriding the services catalog (see shared/verifications/catalog.ts). */
    VERIFICATION_SERVICES: optional(text({ min: 2 })),
    /** Exports with more rows than this run as a background job writing to S3 (202 + poll). */
    VERIFICATION_EXPORT_SYNC_LIMIT: integer(0, 50_000, 5000),
    /** Minutes a released pool number cools down before anyone can rent it again. */
    VERIFICATION_COOLDOWN_MINUTES: integer(0, 24 * 60, 20),
    /** Days during which a (number, service) pair is not rented to another user. */
    VERIFICATION_REUSE_DAYS: integer(0, 365, 30),
  },
  webhooks: {
    /** KMS key that encrypts webhook signing secrets (AWS; the local runtime uses a key file). */
    WEBHOOK_KEY_ID: optional(text()),
    /** Delivery queue (AWS): the `webhooks/deliver-worker` Lambda consumes it. */
    WEBHOOK_QUEUE_URL: optional(url()),
  },
  web: {
    PUBLIC_BASE_URL: url({ default: 'http://localhost:3000' }),
  },
} as const;

type Sections = typeof sections;
type ValueOf<F> = F extends Field<infer T> ? T : never;
export type Config = { [K in keyof Sections]: { [V in keyof Sections[K]]: ValueOf<Sections[K][V]> } };

const cache = new Map<keyof Sections, unknown>();

/** Parsed configuration section; throws a readable error naming the invalid variables. */
export function config<K extends keyof Sections>(section: K): Config[K] {
  const hit = cache.get(section);
  if (hit) return hit as Config[K];
  const parsed: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, field] of Object.entries(sections[section]) as [string, Field<unknown>][]) {
    const raw = process.env[name];
    const result = field(raw === '' ? undefined : raw);
    if ('error' in result) problems.push(`${name}: ${result.error}`);
    else if (result.value !== undefined) parsed[name] = result.value;
  }
  if (problems.length > 0) throw new Error(`Invalid configuration (${section}): ${problems.join('; ')}`);
  cache.set(section, parsed);
  return parsed as Config[K];
}

/** What the local emulators (DynamoDB Local, s3rver, cognito-local) accept: they check no signature. */
export const EMULATOR_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

/** Forget parsed sections (tests that change process.env). */
export function resetConfig(): void {
  cache.clear();
}
