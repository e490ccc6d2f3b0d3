import { defineRoute } from '../platform/http/route';
import { emptyBody } from '../platform/http/schemas';
import * as z from '../platform/zod';
import {
  createVerificationBody,
  exportJobSchema,
  exportRowsSchema,
  exportStatusSchema,
  verificationPageSchema,
  verificationSchema,
  verificationServiceSchema,
  exportParams,
  exportQuery,
  historyQuery,
  reportVerificationBody,
  verificationParams,
} from './schemas';

export const listServicesRoute = /* @__PURE__ */ defineRoute({
  id: 'listVerificationServices',
  method: 'GET',
  path: '/v1/verifications/services',
  handler: 'verifications/list-services',
  auth: 'public',
  summary: 'Services a verification number can be ordered for, with prices.',
  responses: { 200: { schema: /* @__PURE__ */ z.array(verificationServiceSchema) } },
});

export const createVerificationRoute = /* @__PURE__ */ defineRoute({
  id: 'createVerification',
  method: 'POST',
  path: '/v1/verifications',
  handler: 'verifications/create-verification',
  auth: 'user-or-key',
  scope: 'verifications:write',
  summary:
    'Lease a pool number to receive a code (charged; 402 insufficient_funds, 503 no_numbers_available, 429 rate_limited).',
  body: createVerificationBody,
  idempotent: true,
  successStatus: 201,
  responses: { 201: { schema: verificationSchema } },
  problems: { 402: ['insufficient_funds'], 403: ['limit_reached'], 503: ['no_numbers_available'] },
});

export const listVerificationsRoute = /* @__PURE__ */ defineRoute({
  id: 'listVerifications',
  method: 'GET',
  path: '/v1/verifications',
  handler: 'verifications/list-verifications',
  auth: 'user-or-key',
  scope: 'verifications:read',
  summary: 'Verification history, newest first, filtered by service, status and from/to.',
  query: historyQuery,
  responses: { 200: { schema: verificationPageSchema } },
});

export const exportVerificationsRoute = /* @__PURE__ */ defineRoute({
  id: 'exportVerifications',
  method: 'GET',
  path: '/v1/verifications/export',
  handler: 'verifications/export-verifications',
  auth: 'user-or-key',
  scope: 'verifications:read',
  summary: 'The filtered history as a CSV or JSON download; large exports answer 202 { exportId }.',
  query: exportQuery,
  memoryMb: 1024,
  responses: {
    200: {
      schema: exportRowsSchema,
      alternatives: ['text/csv'],
      description:
        'The file (content-disposition: attachment): CSV by default, or JSON rows with ?format=json.',
      headers: { 'Content-Disposition': 'attachment; filename="verifications-<date>.<format>"' },
    },
    202: {
      schema: exportJobSchema,
      description: 'A background export: poll the Location.',
      headers: { Location: 'The export status URL.' },
    },
  },
});

export const getExportRoute = /* @__PURE__ */ defineRoute({
  id: 'getVerificationExport',
  method: 'GET',
  path: '/v1/verifications/exports/{exportId}',
  handler: 'verifications/get-export',
  auth: 'user-or-key',
  scope: 'verifications:read',
  summary: 'Status of a background export, with a presigned download URL once ready.',
  params: exportParams,
  responses: { 200: { schema: exportStatusSchema } },
});

export const getVerificationRoute = /* @__PURE__ */ defineRoute({
  id: 'getVerification',
  method: 'GET',
  path: '/v1/verifications/{id}',
  handler: 'verifications/get-verification',
  auth: 'user-or-key',
  scope: 'verifications:read',
  summary: 'One verification request with its codes.',
  params: verificationParams,
  responses: { 200: { schema: verificationSchema } },
});

export const cancelVerificationRoute = /* @__PURE__ */ defineRoute({
  id: 'cancelVerification',
  method: 'POST',
  path: '/v1/verifications/{id}/cancel',
  handler: 'verifications/cancel-verification',
  auth: 'user-or-key',
  scope: 'verifications:write',
  summary: 'Cancel a pending request; the price is refunded (409 invalid_state unless pending).',
  params: verificationParams,
  body: /* @__PURE__ */ z.optional(emptyBody),
  idempotent: true,
  responses: { 200: { schema: verificationSchema } },
  problems: { 409: ['invalid_state'] },
});

export const completeVerificationRoute = /* @__PURE__ */ defineRoute({
  id: 'completeVerification',
  method: 'POST',
  path: '/v1/verifications/{id}/complete',
  handler: 'verifications/complete-verification',
  auth: 'user-or-key',
  scope: 'verifications:write',
  summary: 'Close a request that received a code; finalCode is the last code (409 unless received).',
  params: verificationParams,
  body: /* @__PURE__ */ z.optional(emptyBody),
  idempotent: true,
  responses: { 200: { schema: verificationSchema } },
  problems: { 409: ['invalid_state'] },
});

export const reportVerificationRoute = /* @__PURE__ */ defineRoute({
  id: 'reportVerification',
  method: 'POST',
  path: '/v1/verifications/{id}/report',
  handler: 'verifications/report-verification',
  auth: 'user-or-key',
  scope: 'verifications:write',
  summary:
    "Report a pending request's number (number_used, no_code, other): cancelled and refunded, and the number is never offered for that service again (409 invalid_state unless pending).",
  params: verificationParams,
  body: reportVerificationBody,
  idempotent: true,
  responses: { 200: { schema: verificationSchema } },
  problems: { 409: ['invalid_state'] },
});

export const reuseVerificationRoute = /* @__PURE__ */ defineRoute({
  id: 'reuseVerification',
  method: 'POST',
  path: '/v1/verifications/{id}/reuse',
  handler: 'verifications/reuse-verification',
  auth: 'user-or-key',
  scope: 'verifications:write',
  summary:
    'Rent the number of a completed request (at most 30 days old) again for the same service, charged like a new request (409 number_unavailable while someone else holds it, 409 invalid_state otherwise).',
  params: verificationParams,
  body: /* @__PURE__ */ z.optional(emptyBody),
  idempotent: true,
  successStatus: 201,
  responses: { 201: { schema: verificationSchema } },
  problems: {
    402: ['insufficient_funds'],
    403: ['limit_reached'],
    409: ['invalid_state', 'number_unavailable'],
    503: ['no_numbers_available'],
  },
});

export const verificationRoutes = [
  listServicesRoute,
  createVerificationRoute,
  listVerificationsRoute,
  exportVerificationsRoute,
  getExportRoute,
  getVerificationRoute,
  cancelVerificationRoute,
  completeVerificationRoute,
  reportVerificationRoute,
  reuseVerificationRoute,
] as const;
