import * as z from '../platform/zod';
import { cursorParam, limitParam, page, prefixedId, timestamp } from '../platform/http/schemas';
import { findService } from './catalog';
import { EXPORT_FORMATS, EXPORT_STATUSES } from './entities/verification-export';
import { VERIFICATION_STATUSES } from './state';
import { REPORT_REASONS } from './transitions';

/** Request schemas of the verification routes (../shared/API.md "Verifications"). */

const serviceId = /* @__PURE__ */ z.string().check(
  /* @__PURE__ */ z.trim(),
  /* @__PURE__ */ z.maxLength(32),
  /* @__PURE__ */ z.refine((id) => findService(id) !== undefined, {
    message: 'Unknown service; see GET /v1/verifications/services.',
  }),
);

export const createVerificationBody = /* @__PURE__ */ z.strictObject({
  service: serviceId,
  country: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.pipe(
      /* @__PURE__ */ z.string().check(
        /* @__PURE__ */ z.trim(),
        /* @__PURE__ */ z.regex(/^[A-Za-z]{2}$/, {
          message: 'Use an ISO 3166-1 alpha-2 country code, e.g. US.',
        }),
      ),
      /* @__PURE__ */ z.transform((c: string) => c.toUpperCase()),
    ),
  ),
});

export const reportVerificationBody = /* @__PURE__ */ z.strictObject({
  reason: /* @__PURE__ */ z.enum(REPORT_REASONS, { error: () => `Use one of ${REPORT_REASONS.join(', ')}.` }),
});

export const verificationParams = /* @__PURE__ */ z.strictObject({ id: /* @__PURE__ */ prefixedId('vrf') });
export const exportParams = /* @__PURE__ */ z.strictObject({ exportId: /* @__PURE__ */ prefixedId('vex') });

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/;
const HAS_ZONE = /(Z|[+-]\d{2}:\d{2})$/;

/** Epoch ms of an ISO date or date-time; a date-time without a zone is UTC (never the server's zone). */
function instantOf(v: string): number {
  return Date.parse(DATE_ONLY.test(v) || HAS_ZONE.test(v) ? v : `${v}Z`);
}

/** `2026-02-30` parses (as March 2nd) but is not a date anyone meant. */
function isCalendarDate(v: string): boolean {
  const ms = Date.parse(v);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === v;
}

/**
 * An ISO-8601 date (`2026-11-23`, the whole UTC day) or date-time (`2026-11-23T10:00:00Z`; UTC
 * when it has no zone), as the instant range it covers: [start, end] in epoch ms.
 */
export const isoInstantRange = /* @__PURE__ */ z.pipe(
  /* @__PURE__ */ z.string().check(
    /* @__PURE__ */ z.trim(),
    /* @__PURE__ */ z.maxLength(40),
    /* @__PURE__ */ z.refine((v) => (DATE_ONLY.test(v) || DATE_TIME.test(v)) && !Number.isNaN(instantOf(v)), {
      message: 'Use an ISO-8601 date (YYYY-MM-DD) or date-time (YYYY-MM-DDThh:mm:ssZ).',
    }),
    /* @__PURE__ */ z.refine((v) => !DATE_ONLY.test(v) || isCalendarDate(v), {
      message: 'Not a calendar date.',
    }),
  ),
  /* @__PURE__ */ z.transform((v: string) => {
    const start = instantOf(v);
    return { start, end: DATE_ONLY.test(v) ? start + DAY_MS - 1 : start };
  }),
);

/** The filters history and export share: service, status and an inclusive from/to window. */
const filterShape = {
  service: /* @__PURE__ */ z.optional(serviceId),
  status: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.enum(VERIFICATION_STATUSES, {
      error: () => `Use one of ${VERIFICATION_STATUSES.join(', ')}.`,
    }),
  ),
  from: /* @__PURE__ */ z.optional(isoInstantRange),
  to: /* @__PURE__ */ z.optional(isoInstantRange),
};

export interface HistoryFilters {
  readonly service?: string;
  readonly status?: (typeof VERIFICATION_STATUSES)[number];
  /** Inclusive bounds on createdAt, epoch ms. */
  readonly fromMs?: number;
  readonly toMs?: number;
}

const toFilters = (q: {
  service?: string | undefined;
  status?: HistoryFilters['status'] | undefined;
  from?: { start: number } | undefined;
  to?: { end: number } | undefined;
}): HistoryFilters => ({
  ...(q.service ? { service: q.service } : {}),
  ...(q.status ? { status: q.status } : {}),
  ...(q.from ? { fromMs: q.from.start } : {}),
  ...(q.to ? { toMs: q.to.end } : {}),
});

const windowIsOrdered = (q: { from?: { start: number } | undefined; to?: { end: number } | undefined }) =>
  !q.from || !q.to || q.from.start <= q.to.end;
const ORDER_MESSAGE = { message: '`from` must not be after `to`.', path: ['from'] };

const historyFields = /* @__PURE__ */ z
  .strictObject({ ...filterShape, limit: limitParam, cursor: cursorParam })
  .check(/* @__PURE__ */ z.refine(windowIsOrdered, ORDER_MESSAGE));

export const historyQuery = /* @__PURE__ */ z.pipe(
  historyFields,
  /* @__PURE__ */ z.transform((q: z.output<typeof historyFields>) => ({
    filters: toFilters(q),
    limit: q.limit,
    cursor: q.cursor,
  })),
);

const exportFields = /* @__PURE__ */ z
  .strictObject({
    ...filterShape,
    format: z._default(z.enum(EXPORT_FORMATS, { message: 'Use csv or json.' }), 'csv'),
    /** `true` asks for the background export (202 + poll) whatever the size. */
    async: z.optional(z.enum(['true', 'false'], { message: 'Use true or false.' })),
  })
  .check(/* @__PURE__ */ z.refine(windowIsOrdered, ORDER_MESSAGE));

export const exportQuery = /* @__PURE__ */ z.pipe(
  exportFields,
  /* @__PURE__ */ z.transform((q: z.output<typeof exportFields>) => ({
    filters: toFilters(q),
    format: q.format,
    forceAsync: q.async === 'true',
  })),
);

// Responses (shared/verifications/views.ts, exports.ts and catalog.ts build them)

export const verificationServiceSchema = /* @__PURE__ */ z
  .object({
    id: z.string(),
    name: z.string(),
    priceCents: z.number().check(z.int()),
    lifetimeMinutes: z.number().check(z.int()),
    countries: z.optional(z.array(z.string())),
  })
  .check(/* @__PURE__ */ z.meta({ id: 'VerificationService' }));

export const verificationCodeSchema = /* @__PURE__ */ z
  .object({
    code: z
      .nullable(z.string())
      .check(z.meta({ description: 'What a person would type; null when no code was recognised.' })),
    sms: z.string(),
    from: z.string(),
    receivedAt: timestamp,
  })
  .check(/* @__PURE__ */ z.meta({ id: 'VerificationCode' }));

export const verificationMessageSchema = /* @__PURE__ */ z
  .object({ sms: z.string(), from: z.string(), receivedAt: timestamp })
  .check(
    /* @__PURE__ */ z.meta({
      id: 'VerificationMessage',
      description: 'An SMS that held no code; the request stays pending.',
    }),
  );

export const verificationSchema = /* @__PURE__ */ z
  .object({
    id: z.string(),
    service: z.string(),
    country: z.string(),
    phoneNumber: z.string(),
    status: z.enum(VERIFICATION_STATUSES),
    priceCents: z.number().check(z.int()),
    createdAt: timestamp,
    expiresAt: timestamp,
    codes: z.array(verificationCodeSchema),
    finalCode: z.nullable(z.string()),
    completedAt: z.nullable(timestamp),
    cancelledAt: z.nullable(timestamp),
    expiredAt: z.nullable(timestamp),
    refunded: z.boolean(),
    messages: z.optional(z.array(verificationMessageSchema)),
    reported: z.optional(z.boolean()),
    reportReason: z.optional(z.nullable(z.enum(REPORT_REASONS))),
    reuseOf: z
      .optional(z.nullable(z.string()))
      .check(
        z.meta({ description: 'The completed request whose number this one rents again (POST /reuse).' }),
      ),
  })
  .check(
    /* @__PURE__ */ z.meta({
      id: 'Verification',
      examples: [
        {
          id: 'vrf_01JEXAMPLE0000000000000000',
          service: 'telegram',
          country: 'US',
          phoneNumber: '+14155550199',
          status: 'pending',
          priceCents: 25,
          createdAt: '2026-12-04T10:00:00.000Z',
          expiresAt: '2026-12-04T10:15:00.000Z',
          codes: [],
          finalCode: null,
          completedAt: null,
          cancelledAt: null,
          expiredAt: null,
          refunded: false,
          messages: [],
          reported: false,
          reportReason: null,
          reuseOf: null,
        },
      ],
    }),
  );

export const verificationPageSchema = /* @__PURE__ */ page(verificationSchema);

/** A JSON export: one row per verification, the CSV's columns. */
export const exportRowsSchema = /* @__PURE__ */ z.array(
  /* @__PURE__ */ z.record(
    /* @__PURE__ */ z.string(),
    /* @__PURE__ */ z.union([
      /* @__PURE__ */ z.string(),
      /* @__PURE__ */ z.number(),
      /* @__PURE__ */ z.null(),
    ]),
  ),
);

export const exportJobSchema = /* @__PURE__ */ z.object({
  exportId: /* @__PURE__ */ z.string(),
  status: /* @__PURE__ */ z.literal('queued'),
});

export const exportStatusSchema = /* @__PURE__ */ z
  .object({
    exportId: z.string(),
    status: z.enum(EXPORT_STATUSES),
    format: z.enum(EXPORT_FORMATS),
    createdAt: timestamp,
    rowCount: z.optional(z.number().check(z.int())),
    finishedAt: z.optional(timestamp),
    downloadUrl: z.optional(z.string()),
    downloadUrlExpiresAt: z.optional(timestamp),
  })
  .check(/* @__PURE__ */ z.meta({ id: 'VerificationExport' }));
