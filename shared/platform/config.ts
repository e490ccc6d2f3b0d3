import * as z from 'zod';

/**
 * Configuration from `process.env`, validated with zod. Each section is parsed once, on first
 * use, so a function fails fast on a missing variable it needs while a function that never
 * touches (say) S3 does not need the bucket's variables.
 */
const optionalUrl = z.url().optional();

const sections = {
  core: z.object({
    SMSPROJ_RUNTIME: z.enum(['aws', 'local']).default('aws'),
    AWS_REGION: z.string().min(1).default('us-east-1'),
    LOG_LEVEL: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT']).default('INFO'),
    /** Local only: where the local runtime keeps emulator data, the mailbox and the SMS outbox. */
    LOCAL_DATA_DIR: z.string().min(1).optional(),
  }),
  table: z.object({
    TABLE_NAME: z.string().min(1),
    DYNAMODB_ENDPOINT: optionalUrl,
  }),
  cognito: z.object({
    USER_POOL_ID: z.string().min(1),
    USER_POOL_CLIENT_ID: z.string().min(1),
    COGNITO_ENDPOINT: optionalUrl,
    /** Local only: issuer and JWKS of cognito-local (in AWS both derive from the pool id). */
    JWT_ISSUER: optionalUrl,
    JWKS_URI: optionalUrl,
  }),
  storage: z.object({
    BUCKET_NAME: z.string().min(1),
    S3_ENDPOINT: optionalUrl,
    /** Local only: the URL browsers use to reach the S3 emulator (presigned URLs are signed for it). */
    S3_PUBLIC_ENDPOINT: optionalUrl,
  }),
  realtime: z.object({
    /** API Gateway management endpoint (https://{api}.execute-api.{region}.amazonaws.com/{stage}) or the local gateway. */
    WS_MANAGEMENT_ENDPOINT: z.url(),
  }),
  email: z.object({
    EMAIL_FROM: z.string().min(3).default('no-reply@smsproj.local'),
  }),
  sms: z.object({
    SMS_QUEUE_URL: optionalUrl,
    LOCAL_CARRIER_URL: optionalUrl,
    /** AWS carrier: End User Messaging v2 `SendTextMessage` (default) or the SNS `Publish` fallback. */
    SMS_CARRIER: z.enum(['eum', 'sns']).default('eum'),
    /** End User Messaging configuration set (its event destination feeds delivery receipts). */
    SMS_CONFIGURATION_SET: z.string().min(1).optional(),
    /** End User Messaging opt-out list the platform's opt-outs are mirrored to. */
    SMS_OPT_OUT_LIST: z.string().min(1).optional(),
    /** `eum`: numbers can be requested from End User Messaging on demand; `manual`: imported only. */
    SMS_PROVISIONING: z.enum(['manual', 'eum']).default('manual'),
    /** Two-way SMS topic newly requested numbers deliver inbound SMS to. */
    SMS_INBOUND_TOPIC_ARN: z.string().min(1).optional(),
  }),
  smsPolicy: z.object({
    /** Destination countries (ISO 3166-1 alpha-2, comma-separated) an account may send to. */
    SMS_ALLOWED_COUNTRIES: z.string().min(2).default('US,CA,GB,DE,FR'),
    /** JSON `{ "US": 1, ... }`: per-segment price in cents by destination country. */
    SMS_PRICES: z.string().min(2).optional(),
  }),
  verifications: z.object({
    /** JSON array overriding the services catalog (see shared/verifications/catalog.ts). */
    VERIFICATION_SERVICES: z.string().min(2).optional(),
    /** Exports with more rows than this run as a background job writing to S3 (202 + poll). */
    VERIFICATION_EXPORT_SYNC_LIMIT: z.coerce.number().int().min(0).max(50_000).default(5000),
    /** Minutes a released pool number cools down before anyone can rent it again. */
    VERIFICATION_COOLDOWN_MINUTES: z.coerce
      .number()
      .int()
      .min(0)
      .max(24 * 60)
      .default(20),
    /** Days during which a (number, service) pair is not rented to another user. */
    VERIFICATION_REUSE_DAYS: z.coerce.number().int().min(0).max(365).default(30),
  }),
  webhooks: z.object({
    /** KMS key that encrypts webhook signing secrets (AWS; the local runtime uses a key file). */
    WEBHOOK_KEY_ID: z.string().min(1).optional(),
    /** Delivery queue (AWS): the `webhooks/deliver-worker` Lambda consumes it. */
    WEBHOOK_QUEUE_URL: optionalUrl,
  }),
  web: z.object({
    PUBLIC_BASE_URL: z.url().default('http://localhost:3000'),
  }),
} as const;

type Sections = typeof sections;
export type Config = { [K in keyof Sections]: z.infer<Sections[K]> };

const cache = new Map<keyof Sections, unknown>();

/** Parsed configuration section; throws a readable error naming the missing variables. */
export function config<K extends keyof Sections>(section: K): Config[K] {
  const hit = cache.get(section);
  if (hit) return hit as Config[K];
  const parsed = sections[section].safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration (${section}): ${problems}`);
  }
  cache.set(section, parsed.data);
  return parsed.data as Config[K];
}

/** Forget parsed sections (tests that change process.env). */
export function resetConfig(): void {
  cache.clear();
}
