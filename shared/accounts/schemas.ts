import * as z from '../platform/zod';
import { LEDGER_TYPES } from '../billing/ledger-types';
import {
  hrefSchema,
  nonEmptyString,
  page,
  password,
  prefixedId,
  text,
  timestamp,
  username,
} from '../platform/http/schemas';
import { SCOPE_COUNT, SCOPES } from '../platform/http/route';
import { PLAN_IDS } from './plans';

/** Only fullName and username are editable: email, plan, balance and unknown fields are a 400 (no mass assignment). */
export const patchMeBody = /* @__PURE__ */ z
  .strictObject({ fullName: z.optional(text(0, 100)), username: z.optional(username) })
  .check(
    /* @__PURE__ */ z.refine((b) => b.fullName !== undefined || b.username !== undefined, {
      message: 'Nothing to update.',
    }),
  );

export const changePasswordBody = /* @__PURE__ */ z.strictObject({
  currentPassword: /* @__PURE__ */ nonEmptyString(256),
  newPassword: password,
});

export const createApiKeyBody = /* @__PURE__ */ z.strictObject({
  name: /* @__PURE__ */ text(1, 64),
  scopes: /* @__PURE__ */ z
    .array(z.enum(SCOPES, { error: () => `Scopes must be among: ${SCOPES.join(', ')}.` }))
    .check(
      /* @__PURE__ */ z.minLength(1),
      /* @__PURE__ */ z.maxLength(SCOPE_COUNT),
      /* @__PURE__ */ z.refine((s) => new Set(s).size === s.length, { message: 'Scopes must not repeat.' }),
    ),
});

export const apiKeyParams = /* @__PURE__ */ z.object({
  id: /* @__PURE__ */ z
    .string()
    .check(/* @__PURE__ */ z.regex(/^key_[0-9A-HJKMNP-TV-Z]{26}$/, { message: 'Must be a key_ id.' })),
});

const channelPrefs = /* @__PURE__ */ z.strictObject({
  numberRenewal: /* @__PURE__ */ z.boolean(),
  verificationExpired: /* @__PURE__ */ z.boolean(),
  usageWarnings: /* @__PURE__ */ z.boolean(),
  newMessage: /* @__PURE__ */ z.boolean(),
});

export const notificationPreferencesBody = /* @__PURE__ */ z.strictObject({
  email: channelPrefs,
  inApp: channelPrefs,
});
export type NotificationPreferences = z.infer<typeof notificationPreferencesBody>;
export type NotificationKind = keyof NotificationPreferences['email'];

const isoDate = /* @__PURE__ */ z.string().check(
  /* @__PURE__ */ z.maxLength(40),
  /* @__PURE__ */ z.refine(
    (v) => /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(v) && !Number.isNaN(Date.parse(v)),
    {
      message: 'Use YYYY-MM-DD or an ISO-8601 date-time.',
    },
  ),
);

export const usageQuery = /* @__PURE__ */ z
  .object({
    from: z.optional(isoDate),
    to: z.optional(isoDate),
    granularity: z._default(z.literal('day'), 'day'),
  })
  .check(
    /* @__PURE__ */ z.refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), {
      message: '`from` must not be after `to`.',
    }),
    /* @__PURE__ */ z.refine(
      (q) => !q.from || !q.to || Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000,
      {
        message: 'At most one year per request.',
      },
    ),
    /* @__PURE__ */ z.refine((q) => !q.from || q.to || Date.now() - Date.parse(q.from) <= 366 * 86_400_000, {
      message: 'At most one year per request.',
    }),
  );

// Responses (what the handlers send; /openapi.json and the contract check derive from these)

export const profileSchema = /* @__PURE__ */ z
  .object({
    userId: z.string(),
    email: z.string(),
    username: z.string(),
    fullName: z.string(),
    emailVerified: z.boolean(),
    plan: z.enum(PLAN_IDS),
    balanceCents: z.number().check(z.int()),
    createdAt: timestamp,
  })
  .check(
    /* @__PURE__ */ z.meta({
      id: 'Profile',
      examples: [
        {
          userId: 'usr_01JEXAMPLE0000000000000000',
          email: 'ada@example.com',
          username: 'ada',
          fullName: 'Ada Lovelace',
          emailVerified: true,
          plan: 'free',
          balanceCents: 5000,
          createdAt: '2026-12-04T10:00:00.000Z',
        },
      ],
    }),
  );

export const planLimitsSchema = /* @__PURE__ */ z
  .object({
    smsPerMonth: z.number().check(z.int()),
    verificationsPerMonth: z.number().check(z.int()),
    numbers: z.number().check(z.int()),
    requestsPerSecond: z.number(),
    burst: z.number().check(z.int()),
    activeVerifications: z
      .optional(z.number().check(z.int()))
      .check(z.meta({ description: 'Pending or received verification requests at once.' })),
  })
  .check(/* @__PURE__ */ z.meta({ id: 'PlanLimits' }));

export const planSchema = /* @__PURE__ */ z
  .object({
    id: z.enum(PLAN_IDS),
    name: z.string(),
    priceCents: z.number().check(z.int()),
    limits: planLimitsSchema,
  })
  .check(/* @__PURE__ */ z.meta({ id: 'Plan' }));

export const planChangeSchema = /* @__PURE__ */ z.object({
  plan: /* @__PURE__ */ z.enum(PLAN_IDS),
  previousPlan: /* @__PURE__ */ z.enum(PLAN_IDS),
  chargedCents: /* @__PURE__ */ z.number().check(/* @__PURE__ */ z.int()),
  balanceCents: /* @__PURE__ */ z.number().check(/* @__PURE__ */ z.int()),
  limits: planLimitsSchema,
});

export const temporaryIncreaseSchema = /* @__PURE__ */ z.object({
  factor: /* @__PURE__ */ z.number(),
  expiresAt: timestamp,
});

export const warningSchema = /* @__PURE__ */ z
  .object({
    code: z.enum(['approaching_limit', 'limit_reached']),
    metric: z.string(),
    used: z.number(),
    limit: z.number(),
    percent: z.number(),
    upgrade: hrefSchema,
  })
  .check(/* @__PURE__ */ z.meta({ id: 'UsageWarning' }));

export const activitySchema = /* @__PURE__ */ z
  .object({ type: z.string(), at: timestamp, summary: z.string(), ref: z.nullable(z.string()) })
  .check(/* @__PURE__ */ z.meta({ id: 'Activity' }));

export const dashboardSchema = /* @__PURE__ */ z
  .object({
    account: z.object({
      status: z.string(),
      plan: z.enum(PLAN_IDS),
      emailVerified: z.boolean(),
      balanceCents: z.number().check(z.int()),
      nextCharge: z
        .optional(z.nullable(z.object({ date: timestamp, amountCents: z.number().check(z.int()) })))
        .check(z.meta({ description: "The paid plan's next monthly charge (null on free)." })),
    }),
    usage: z.object({
      periodStart: timestamp,
      periodEnd: timestamp,
      smsSent: z.number().check(z.int()),
      smsReceived: z.number().check(z.int()),
      verifications: z.number().check(z.int()),
      apiRequests: z.number().check(z.int()),
    }),
    limits: z.object({
      smsPerMonth: z.number().check(z.int()),
      verificationsPerMonth: z.number().check(z.int()),
      numbers: z.number().check(z.int()),
      requestsPerSecond: z.number(),
    }),
    warnings: z.array(warningSchema),
    numbers: z.object({ owned: z.number().check(z.int()) }),
    recentActivity: z.array(activitySchema),
  })
  .check(/* @__PURE__ */ z.meta({ id: 'Dashboard' }));

export const ledgerEntrySchema = /* @__PURE__ */ z
  .object({
    id: z.string(),
    type: z.enum(LEDGER_TYPES),
    amountCents: z.number().check(z.int()),
    ref: z.string(),
    description: z.optional(z.string()),
    at: timestamp,
  })
  .check(/* @__PURE__ */ z.meta({ id: 'LedgerEntry' }));

export const usageDaySchema = /* @__PURE__ */ z
  .object({
    date: z.string().check(z.meta({ format: 'date' })),
    apiRequests: z.number().check(z.int()),
    smsSent: z.number().check(z.int()),
    smsReceived: z.number().check(z.int()),
    verifications: z.number().check(z.int()),
    errors: z.number().check(z.int()),
    spendCents: z.number().check(z.int()),
  })
  .check(/* @__PURE__ */ z.meta({ id: 'UsageDay' }));

export const usageReportSchema = /* @__PURE__ */ z
  .object({
    from: z.string().check(z.meta({ format: 'date' })),
    to: z.string().check(z.meta({ format: 'date' })),
    granularity: z.literal('day'),
    items: z.array(usageDaySchema),
    byKey: z.array(
      z.object({
        keyId: z.string(),
        apiRequests: z.number().check(z.int()),
        errors: z.number().check(z.int()),
      }),
    ),
    billing: z.object({
      balanceCents: z.number().check(z.int()),
      chargesCents: z.number().check(z.int()),
      refundsCents: z.number().check(z.int()),
      ledger: z.array(ledgerEntrySchema),
    }),
  })
  .check(/* @__PURE__ */ z.meta({ id: 'UsageReport' }));

export const notificationPreferencesSchema = /* @__PURE__ */ notificationPreferencesBody.check(
  /* @__PURE__ */ z.meta({ id: 'NotificationPreferences' }),
);

/** ApiKey's shape without its `id` meta: in zod/mini `.meta` is a check that `z.extend` would copy,
 * registering the extended schema as `ApiKey` too (NewApiKey would become a `$ref` to it). */
const apiKeyObject = /* @__PURE__ */ z.object({
  id: /* @__PURE__ */ z.string(),
  name: /* @__PURE__ */ z.string(),
  prefix: /* @__PURE__ */ z.string(),
  scopes: /* @__PURE__ */ z.array(/* @__PURE__ */ z.enum(SCOPES)),
  status: /* @__PURE__ */ z.enum(['active', 'revoked']),
  createdAt: timestamp,
  rotatedAt: /* @__PURE__ */ z.nullable(timestamp),
  lastUsedAt: /* @__PURE__ */ z.nullable(timestamp),
});

export const apiKeySchema = /* @__PURE__ */ apiKeyObject.check(/* @__PURE__ */ z.meta({ id: 'ApiKey' }));

/** The secret is in `key` only in the first response (a replay says `keyShown: false`). */
export const newApiKeySchema = /* @__PURE__ */ z
  .extend(apiKeyObject, {
    key: z
      .optional(z.string())
      .check(z.meta({ description: 'The secret: shown once, never stored in clear.' })),
    keyShown: z.optional(z.boolean()),
  })
  .check(/* @__PURE__ */ z.meta({ id: 'NewApiKey' }));

export const apiKeyPageSchema = /* @__PURE__ */ page(apiKeySchema);

/** Account lifecycle (shared/API.md v1.1). */
export const accountExportParams = /* @__PURE__ */ z.strictObject({
  exportId: /* @__PURE__ */ prefixedId('exp'),
});

export const accountExportJobSchema = /* @__PURE__ */ z
  .object({ exportId: z.string(), status: z.literal('pending') })
  .check(/* @__PURE__ */ z.meta({ id: 'AccountExportJob' }));

export const accountExportSchema = /* @__PURE__ */ z
  .object({
    exportId: z.string(),
    status: z.enum(['pending', 'ready', 'failed']),
    createdAt: timestamp,
    finishedAt: z.optional(timestamp),
    downloadUrl: z.optional(z.string()),
    downloadUrlExpiresAt: z.optional(timestamp),
  })
  .check(/* @__PURE__ */ z.meta({ id: 'AccountExport' }));

export const deleteMeBody = /* @__PURE__ */ z.strictObject({
  password: /* @__PURE__ */ nonEmptyString(256),
});

export const accountDeletionSchema = /* @__PURE__ */ z
  .object({ status: z.literal('pending') })
  .check(/* @__PURE__ */ z.meta({ id: 'AccountDeletion' }));
