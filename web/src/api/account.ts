import { api, anonymous, idempotent, type Schemas, unwrap } from './client';

export type Profile = Schemas['Profile'];
export type Dashboard = Schemas['Dashboard'];
export type Plan = Schemas['Plan'];
export type PlanId = Plan['id'];
export type ApiKey = Schemas['ApiKey'];
export { SCOPES, type Scope } from '../../../sdk/client';
export type Usage = Schemas['UsageReport'];
export type UsageDay = Usage['items'][number];
export type NotificationPreferences = Schemas['NotificationPreferences'];
export type PreferenceKind = keyof NotificationPreferences['email'];
/** The order the preferences page lists them in. */
export const PREFERENCE_KINDS = [
  'newMessage',
  'numberRenewal',
  'verificationExpired',
  'usageWarnings',
] as const satisfies readonly PreferenceKind[];

export const getMe = () => unwrap(api().GET('/v1/me'));

export const updateMe = (changes: { fullName?: string; username?: string }) =>
  unwrap(api().PATCH('/v1/me', { body: changes }));

export const changePassword = (currentPassword: string, newPassword: string) =>
  unwrap(api().POST('/v1/me/password', { body: { currentPassword, newPassword } }));

export const getDashboard = () => unwrap(api().GET('/v1/me/dashboard'));

export const listPlans = () => unwrap(anonymous().GET('/v1/plans'));

export const changePlan = (plan: PlanId, idempotencyKey: string) =>
  unwrap(api().POST('/v1/me/plan', { params: idempotent(idempotencyKey), body: { plan } }));

export const listApiKeys = async () => (await unwrap(api().GET('/v1/me/api-keys'))).items;

export const createApiKey = (name: string, scopes: ApiKey['scopes'], idempotencyKey: string) =>
  unwrap(api().POST('/v1/me/api-keys', { params: idempotent(idempotencyKey), body: { name, scopes } }));

export const rotateApiKey = (id: string) =>
  unwrap(api().POST('/v1/me/api-keys/{id}/rotate', { params: { path: { id } }, body: {} }));

export const revokeApiKey = (id: string) =>
  unwrap(api().DELETE('/v1/me/api-keys/{id}', { params: { path: { id } } }));

export const getPreferences = () => unwrap(api().GET('/v1/me/notification-preferences'));

export const putPreferences = (prefs: NotificationPreferences) =>
  unwrap(api().PUT('/v1/me/notification-preferences', { body: prefs }));

export const getUsage = () => unwrap(api().GET('/v1/me/usage'));

export const requestTemporaryIncrease = (reason: string, idempotencyKey: string) =>
  unwrap(
    api().POST('/v1/me/limits/temporary-increase', { params: idempotent(idempotencyKey), body: { reason } }),
  );

export type AccountExport = Schemas['AccountExport'];

export const requestAccountExport = () => unwrap(api().POST('/v1/me/export', { body: {} }));

export const getAccountExport = (exportId: string) =>
  unwrap(api().GET('/v1/me/exports/{exportId}', { params: { path: { exportId } } }));

export const deleteAccount = (password: string) => unwrap(api().DELETE('/v1/me', { body: { password } }));
