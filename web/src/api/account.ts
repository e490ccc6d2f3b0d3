import { api, asPage } from './client';
import type {
  ApiKey,
  Dashboard,
  NewApiKey,
  NotificationPreferences,
  Page,
  Plan,
  PlanId,
  Profile,
  Scope,
  Usage,
} from './types';

export const getMe = () => api<Profile>('/v1/me');

export const updateMe = (changes: { fullName?: string; username?: string }) =>
  api<Profile>('/v1/me', { method: 'PATCH', body: changes });

export const changePassword = (currentPassword: string, newPassword: string) =>
  api<void>('/v1/me/password', { body: { currentPassword, newPassword } });

export const getDashboard = () => api<Dashboard>('/v1/me/dashboard');

export const listPlans = async () => asPage(await api<Plan[]>('/v1/plans', { auth: false })).items;

export const changePlan = (plan: PlanId, idempotencyKey: string) =>
  api<Profile>('/v1/me/plan', { body: { plan }, idempotencyKey });

export const listApiKeys = async () => asPage(await api<Page<ApiKey>>('/v1/me/api-keys')).items;

export const createApiKey = (name: string, scopes: readonly Scope[], idempotencyKey: string) =>
  api<NewApiKey>('/v1/me/api-keys', { body: { name, scopes }, idempotencyKey });

export const rotateApiKey = (id: string) =>
  api<NewApiKey>(`/v1/me/api-keys/${encodeURIComponent(id)}/rotate`, { body: {} });

export const revokeApiKey = (id: string) =>
  api<void>(`/v1/me/api-keys/${encodeURIComponent(id)}`, { method: 'DELETE' });

export const getPreferences = () => api<NotificationPreferences>('/v1/me/notification-preferences');

export const putPreferences = (prefs: NotificationPreferences) =>
  api<NotificationPreferences>('/v1/me/notification-preferences', { method: 'PUT', body: prefs });

export const getUsage = () => api<Usage>('/v1/me/usage');

export const requestTemporaryIncrease = (reason: string, idempotencyKey: string) =>
  api<{ factor: number; expiresAt: string }>('/v1/me/limits/temporary-increase', {
    body: { reason },
    idempotencyKey,
  });

export interface AccountExport {
  readonly exportId: string;
  readonly status: 'pending' | 'ready' | 'failed';
  readonly createdAt?: string;
  readonly downloadUrl?: string;
  readonly downloadUrlExpiresAt?: string;
}

export const requestAccountExport = () => api<AccountExport>('/v1/me/export', { body: {} });

export const getAccountExport = (exportId: string) =>
  api<AccountExport>(`/v1/me/exports/${encodeURIComponent(exportId)}`);

export const deleteAccount = (password: string) =>
  api<{ status: 'pending' }>('/v1/me', { method: 'DELETE', body: { password } });
