import { defineRoute } from '../platform/http/route';
import { emptyBody } from '../platform/http/schemas';
import * as z from '../platform/zod';
import {
  accountDeletionSchema,
  accountExportJobSchema,
  accountExportParams,
  accountExportSchema,
  apiKeyPageSchema,
  apiKeyParams,
  dashboardSchema,
  newApiKeySchema,
  notificationPreferencesSchema,
  profileSchema,
  usageReportSchema,
  changePasswordBody,
  createApiKeyBody,
  deleteMeBody,
  notificationPreferencesBody,
  patchMeBody,
  usageQuery,
} from './schemas';

export const getMeRoute = /* @__PURE__ */ defineRoute({
  id: 'getMe',
  method: 'GET',
  path: '/v1/me',
  handler: 'accounts/get-me',
  auth: 'user-or-key',
  scope: 'account:read',
  summary: "The caller's profile.",
  responses: { 200: { schema: profileSchema } },
});

export const patchMeRoute = /* @__PURE__ */ defineRoute({
  id: 'patchMe',
  method: 'PATCH',
  path: '/v1/me',
  handler: 'accounts/patch-me',
  auth: 'user',
  summary: 'Change full name and/or username (409 username_taken).',
  body: patchMeBody,
  responses: { 200: { schema: profileSchema } },
  problems: { 409: ['conflict', 'username_taken'] },
});

export const changePasswordRoute = /* @__PURE__ */ defineRoute({
  id: 'changePassword',
  method: 'POST',
  path: '/v1/me/password',
  handler: 'accounts/change-password',
  auth: 'user',
  summary: "Change the password; the user's other sessions are revoked.",
  body: changePasswordBody,
  successStatus: 204,
  responses: { 204: { description: 'Password changed.' } },
  problems: { 403: ['invalid_credentials'], 429: ['rate_limited'] },
});

export const dashboardRoute = /* @__PURE__ */ defineRoute({
  id: 'getDashboard',
  method: 'GET',
  path: '/v1/me/dashboard',
  handler: 'accounts/get-dashboard',
  auth: 'user-or-key',
  scope: 'account:read',
  summary: 'Account, usage this period, limits, warnings, numbers and recent activity.',
  responses: { 200: { schema: dashboardSchema } },
});

export const usageRoute = /* @__PURE__ */ defineRoute({
  id: 'getUsage',
  method: 'GET',
  path: '/v1/me/usage',
  handler: 'accounts/get-usage',
  auth: 'user-or-key',
  scope: 'account:read',
  summary: 'Per-day usage, per-key breakdown and the billing summary.',
  query: usageQuery,
  responses: { 200: { schema: usageReportSchema } },
});

export const getPreferencesRoute = /* @__PURE__ */ defineRoute({
  id: 'getNotificationPreferences',
  method: 'GET',
  path: '/v1/me/notification-preferences',
  handler: 'accounts/get-notification-preferences',
  auth: 'user-or-key',
  scope: 'account:read',
  summary: 'Email and in-app notification preferences.',
  responses: { 200: { schema: notificationPreferencesSchema } },
});

export const putPreferencesRoute = /* @__PURE__ */ defineRoute({
  id: 'putNotificationPreferences',
  method: 'PUT',
  path: '/v1/me/notification-preferences',
  handler: 'accounts/put-notification-preferences',
  auth: 'user',
  summary: 'Replace the notification preferences.',
  body: notificationPreferencesBody,
  responses: { 200: { schema: notificationPreferencesSchema } },
});

export const createApiKeyRoute = /* @__PURE__ */ defineRoute({
  id: 'createApiKey',
  method: 'POST',
  path: '/v1/me/api-keys',
  handler: 'accounts/create-api-key',
  auth: 'user',
  summary: 'Create an API key; the secret is returned only in this response.',
  body: createApiKeyBody,
  idempotent: true,
  secretResponse: { fields: ['key'], shownFlag: 'keyShown' },
  successStatus: 201,
  responses: { 201: { schema: newApiKeySchema } },
  problems: { 403: ['limit_reached'] },
});

export const listApiKeysRoute = /* @__PURE__ */ defineRoute({
  id: 'listApiKeys',
  method: 'GET',
  path: '/v1/me/api-keys',
  handler: 'accounts/list-api-keys',
  auth: 'user',
  summary: 'API keys without secrets, with lastUsedAt.',
  responses: { 200: { schema: apiKeyPageSchema } },
});

export const rotateApiKeyRoute = /* @__PURE__ */ defineRoute({
  id: 'rotateApiKey',
  method: 'POST',
  path: '/v1/me/api-keys/{id}/rotate',
  handler: 'accounts/rotate-api-key',
  auth: 'user',
  summary: 'Issue a new secret; the old one is rejected at once.',
  params: apiKeyParams,
  body: /* @__PURE__ */ z.optional(emptyBody),
  responses: { 200: { schema: newApiKeySchema } },
});

export const revokeApiKeyRoute = /* @__PURE__ */ defineRoute({
  id: 'revokeApiKey',
  method: 'DELETE',
  path: '/v1/me/api-keys/{id}',
  handler: 'accounts/revoke-api-key',
  auth: 'user',
  summary: 'Revoke an API key; it is rejected from then on.',
  params: apiKeyParams,
  successStatus: 204,
  responses: { 204: { description: 'Revoked.' } },
});

export const requestExportRoute = /* @__PURE__ */ defineRoute({
  id: 'requestAccountExport',
  method: 'POST',
  path: '/v1/me/export',
  handler: 'accounts/request-export',
  auth: 'user',
  summary: 'Export all account data as one JSON document (background job; an email says when it is ready).',
  body: /* @__PURE__ */ z.optional(emptyBody),
  successStatus: 202,
  responses: {
    202: {
      schema: accountExportJobSchema,
      description: 'The export is queued: poll the Location.',
      headers: { Location: 'The export status URL.' },
    },
  },
});

export const getAccountExportRoute = /* @__PURE__ */ defineRoute({
  id: 'getAccountExport',
  method: 'GET',
  path: '/v1/me/exports/{exportId}',
  handler: 'accounts/get-export',
  auth: 'user',
  summary: 'Status of an account export, with a presigned download URL (expires) once ready.',
  params: accountExportParams,
  responses: { 200: { schema: accountExportSchema } },
});

export const deleteMeRoute = /* @__PURE__ */ defineRoute({
  id: 'deleteMe',
  method: 'DELETE',
  path: '/v1/me',
  handler: 'accounts/delete-me',
  auth: 'user',
  summary:
    'Delete the account: sessions, keys, sockets and webhooks end at once; a job erases the rest (the ledger is kept).',
  body: deleteMeBody,
  successStatus: 202,
  responses: { 202: { schema: accountDeletionSchema, description: 'The deletion is under way.' } },
  problems: { 403: ['invalid_credentials'], 429: ['rate_limited'] },
});

export const accountRoutes = [
  getMeRoute,
  patchMeRoute,
  changePasswordRoute,
  dashboardRoute,
  usageRoute,
  getPreferencesRoute,
  putPreferencesRoute,
  createApiKeyRoute,
  listApiKeysRoute,
  rotateApiKeyRoute,
  revokeApiKeyRoute,
  requestExportRoute,
  getAccountExportRoute,
  deleteMeRoute,
] as const;
