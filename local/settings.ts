import { resolve } from 'node:path';
import * as z from 'zod';
import { DEFAULT_DATA_DIR } from './paths';

const port = z.coerce.number().int().min(0).max(65535);
const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

/** Environment variables of the local runtime itself (not the platform's: see shared/platform/config.ts). */
const schema = z.object({
  /** Gateway port; 0 picks a free one (tests). */
  SMSPROJ_PORT: port.default(3000),
  /** Emulator data, mailbox and SMS outbox (relative to the working directory). @default <repo>/.local-data */
  SMSPROJ_DATA_DIR: z.string().min(1).optional(),
  SMSPROJ_DYNAMODB_PORT: port.optional(),
  SMSPROJ_COGNITO_PORT: port.optional(),
  SMSPROJ_S3_PORT: port.optional(),
  /** Written once everything is up: URLs, env and pids as JSON (the jest harness waits for it). */
  SMSPROJ_READY_FILE: z.string().min(1).optional(),
  /** Shut down when this process disappears (the jest harness passes its own pid). */
  SMSPROJ_PARENT_PID: z.coerce.number().int().positive().optional(),
  /** No banner and no access log. */
  SMSPROJ_QUIET: flag.default(false),
  /** Run scheduled jobs in the background. */
  SMSPROJ_SCHEDULER: flag.default(true),
  /** Per-client-IP limit of the public auth routes, as `rate/burst` (requests per second). */
  SMSPROJ_AUTH_IP_LIMIT: z
    .string()
    .regex(/^\d+(\.\d+)?\/\d+$/, { message: 'Expected rate/burst, e.g. 20/40' })
    .transform((v) => {
      const [rate, burst] = v.split('/').map(Number);
      return { ratePerSecond: rate ?? 20, burst: burst ?? 40 };
    })
    .optional(),
  /** Client IPs exempt from that limit, comma-separated (the test harness exempts loopback). */
  SMSPROJ_AUTH_IP_EXEMPT: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((ip) => ip.trim())
        .filter((ip) => ip.length > 0),
    )
    .optional(),
});

export type LocalSettings = z.infer<typeof schema> & { readonly dataDir: string };

/** Parses the runtime's variables; a bad value is a one-line error naming it. */
export function localSettings(env: NodeJS.ProcessEnv = process.env): LocalSettings {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid local runtime settings: ${problems}`);
  }
  const dir = parsed.data.SMSPROJ_DATA_DIR;
  return { ...parsed.data, dataDir: dir ? resolve(dir) : DEFAULT_DATA_DIR };
}
