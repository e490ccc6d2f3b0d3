import * as z from 'zod';
import { LEDGER_TYPES } from '../billing/ledger-types';
import { hrefSchema, page, password, prefixedId, text, timestamp, username } from '../platform/http/schemas';
import { SCOPES } from '../platform/http/route';
import { PLAN_IDS } from './plans';

/** Only fullName and username are editable: email, plan, balance and unknown fields are a 400 (no mass assignment). */
export const patchMeBody = /* @__PURE__ */ z
  .object({ fullName: text(0, 100).optional(), username: username.optional() })
  .strict()
  .refine((b) => b.fullName !== undefined || b.username !== undefined, { message: 'Nothing to update.' });

export const changePasswordBody = /* @__PURE__ */ z
  .object({ currentPassword: z.string().min(1).max(256), newPassword: password })
  .strict();

export const createApiKeyBody = /* @__PURE__ */ z
  .object({
    name: text(1, 64),
    scopes: z
      .array(z.enum(SCOPES, { message: `Scopes must be among: ${SCOPES.join(', ')}.` }))
      .min(1)
      .max(SCOPES.length)
      .refine((s) => new Set(s).size === s.length, { message: 'Scopes must not repeat.' }),
  })
  .strict();

export const apiKeyParams = /* @__PURE__ */ z.object({
  id: z.string().regex(/^key_[0-9A-HJKMNP-TV-Z]{26}$/, { message: 'Must be a key_ id.' }),
});

const channelPrefs = /* @__PURE__ */ z
  .object({
    numberRenewal: z.boolean(),
    verificationExpired: z.boolean(),
    usageWarnings: z.boolean(),
    newMessage: z.boolean(),
  })
  .strict();

export const notificationPreferencesBody = /* @__PURE__ */ z
  .object({ email: channelPrefs, inApp: channelPrefs })
  .strict();
export type NotificationPreferences = z.infer<typeof notificationPreferencesBody>;
export type NotificationKind = keyof NotificationPreferences['email'];

const isoDate = /* @__PURE__ */ z
  .string()
  .max(40)
  .refine(
    (v) => /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(v) && !Number.isNaN(Date.parse(v)),
    {
      message: 'Use YYYY-MM-DD or an ISO-8601 date-time.',
    },
  );

export const usageQuery = /* @__PURE__ */ z
  .object({ from: isoDate.optional(), to: isoDate.optional(), granularity: z.literal('day').default('day') })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), {
    message: '`from` must not be after `to`.',
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, {
    message: 'At most one year per request.',
  })
  .refine((q) => !q.from || q.to || Date.now() - Date.parse(q.from) <= 366 * 86_400_000, {
    message: 'At most one year per request.',
  });

// Responses (what the handlers send; /openapi.json and the contract check derive from these)

export const profileSchema = /* @__PURE__ */ z
  .object({
    userId: z.string(),
    email: z.string(),
    username: z.string(),
    fullName: z.string(),
    emailVerified: z.boolean(),
    plan: z.enum(PLAN_IDS),
    balanceCents: z.number().int(),
    createdAt: timestamp,
  })
  .meta({
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
  });

export const planLimitsSchema = /* @__PURE__ */ z
  .object({
    smsPerMonth: z.number().int(),
    verificationsPerMonth: z.number().int(),
    numbers: z.number().int(),
    requestsPerSecond: z.number(),
    burst: z.number().int(),
    activeVerifications: z
      .number()
      .int()
      .optional()
      .meta({ description: 'Pending or received verification requests at once.' }),
  })
  .meta({ id: 'PlanLimits' });

export const planSchema = /* @__PURE__ */ z
  .object({ id: z.enum(PLAN_IDS), name: z.string(), priceCents: z.number().int(), limits: planLimitsSchema })
  .meta({ id: 'Plan' });

export const planChangeSchema = /* @__PURE__ */ z.object({
  plan: z.enum(PLAN_IDS),
  previousPlan: z.enum(PLAN_IDS),
  chargedCents: z.number().int(),
  balanceCents: z.number().int(),
  limits: planLimitsSchema,
});

export const temporaryIncreaseSchema = /* @__PURE__ */ z.object({ factor: z.number(), expiresAt: timestamp });

export const warningSchema = /* @__PURE__ */ z
  .object({
    code: z.enum(['approaching_limit', 'limit_reached']),
    metric: z.string(),
    used: z.number(),
    limit: z.number(),
    percent: z.number(),
    upgrade: hrefSchema,
  })
  .meta({ id: 'UsageWarning' });

export const activitySchema = /* @__PURE__ */ z
  .object({ type: z.string(), at: timestamp, summary: z.string(), ref: z.string().nullable() })
  .meta({ id: 'Activity' });

export const dashboardSchema = /* @__PURE__ */ z
  .object({
    account: z.object({
      status: z.string(),
      plan: z.enum(PLAN_IDS),
      emailVerified: z.boolean(),
      balanceCents: z.number().int(),
      nextCharge: z
        .object({ date: timestamp, amountCents: z.number().int() })
        .nullable()
        .optional()
        .meta({ description: "The paid plan's next monthly charge (null on free)." }),
    }),
    usage: z.object({
      periodStart: timestamp,
      periodEnd: timestamp,
      smsSent: z.number().int(),
      smsReceived: z.number().int(),
      verifications: z.number().int(),
      apiRequests: z.number().int(),
    }),
    limits: z.object({
      smsPerMonth: z.number().int(),
      verificationsPerMonth: z.number().int(),
      numbers: z.number().int(),
      requestsPerSecond: z.number(),
    }),
    warnings: z.array(warningSchema),
    numbers: z.object({ owned: z.number().int() }),
    recentActivity: z.array(activitySchema),
  })
  .meta({ id: 'Dashboard' });

export const ledgerEntrySchema = /* @__PURE__ */ z
  .object({
    id: z.string(),
    type: z.enum(LEDGER_TYPES),
    amountCents: z.number().int(),
    ref: z.string(),
    description: z.string().optional(),
    at: timestamp,
  })
  .meta({ id: 'LedgerEntry' });

export const usageDaySchema = /* @__PURE__ */ z
  .object({
    date: z.string().meta({ format: 'date' }),
    apiRequests: z.number().int(),
    smsSent: z.number().int(),
    smsReceived: z.number().int(),
    verifications: z.number().int(),
    errors: z.number().int(),
    spendCents: z.number().int(),
  })
  .meta({ id: 'UsageDay' });

export const usageReportSchema = /* @__PURE__ */ z
  .object({
    from: z.string().meta({ format: 'date' }),
    to: z.string().meta({ format: 'date' }),
    granularity: z.literal('day'),
    items: z.array(usageDaySchema),
    byKey: z.array(z.object({ keyId: z.string(), apiRequests: z.number().int(), errors: z.number().int() })),
    billing: z.object({
      balanceCents: z.number().int(),
      chargesCents: z.number().int(),
      refundsCents: z.number().int(),
      ledger: z.array(ledgerEntrySchema),
    }),
  })
  .meta({ id: 'UsageReport' });

export const notificationPreferencesSchema = /* @__PURE__ */ notificationPreferencesBody.meta({
  id: 'NotificationPreferences',
});

export const apiKeySchema = /* @__PURE__ */ z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    scopes: z.array(z.enum(SCOPES)),
    status: z.enum(['active', 'revoked']),
    createdAt: timestamp,
    rotatedAt: timestamp.nullable(),
    lastUsedAt: timestamp.nullable(),
  })
  .meta({ id: 'ApiKey' });

/** The secret is in `key` only in the first response (a replay says `keyShown: false`). */
export const newApiKeySchema = apiKeySchema
  .extend({
    key: z.string().optional().meta({ description: 'The secret: shown once, never stored in clear.' }),
    keyShown: z.boolean().optional(),
  })
  .meta({ id: 'NewApiKey' });

export const apiKeyPageSchema = /* @__PURE__ */ page(apiKeySchema);

/** Account lifecycle (shared/API.md v1.1). */
export const accountExportParams = /* @__PURE__ */ z.object({ exportId: prefixedId('exp') }).strict();

export const accountExportJobSchema = /* @__PURE__ */ z
  .object({ exportId: z.string(), status: z.literal('pending') })
  .meta({ id: 'AccountExportJob' });

export const accountExportSchema = /* @__PURE__ */ z
  .object({
    exportId: z.string(),
    status: z.enum(['pending', 'ready', 'failed']),
    createdAt: timestamp,
    finishedAt: timestamp.optional(),
    downloadUrl: z.string().optional(),
    downloadUrlExpiresAt: timestamp.optional(),
  })
  .meta({ id: 'AccountExport' });

export const deleteMeBody = /* @__PURE__ */ z.object({ password: z.string().min(1).max(256) }).strict();

export const accountDeletionSchema = /* @__PURE__ */ z
  .object({ status: z.literal('pending') })
  .meta({ id: 'AccountDeletion' });
