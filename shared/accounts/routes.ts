import { defineRoute } from '../http/route';

export const getMeRoute = defineRoute({
  id: 'getMe',
  method: 'GET',
  path: '/v1/me',
  handler: 'accounts/get-me',
  auth: 'user-or-key',
  scope: 'account:read',
  summary: "The caller's profile.",
});

export const accountRoutes = [getMeRoute] as const;
