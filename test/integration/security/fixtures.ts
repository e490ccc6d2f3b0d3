import type { ResourceCondition } from '../../../shared/platform/http/route';
import { api } from '../helpers/api';
import { signedInUser, type TestUser } from '../helpers/session';

/**
 * Resources owned by one user, one per kind of path parameter in the route table. The BOLA
 * suite calls every route with these ids as another user; `paramsFor` must know every
 * parameterised route, so a new route fails the suite until it is covered here.
 */
export interface OwnedResources {
  readonly owner: TestUser;
  readonly conversationId: string;
  /** The owner's SMS conversation (from their number to an outside phone): resource-dependent scopes. */
  readonly smsConversationId: string;
  readonly apiKeyId: string;
  readonly phoneNumber: string;
  readonly verificationId: string;
  readonly exportId: string;
  readonly accountExportId: string;
  readonly webhookId: string;
  readonly deliveryId: string;
}

async function ok<T>(promise: Promise<{ status: number; json: T; text: string }>, what: string): Promise<T> {
  const res = await promise;
  if (res.status >= 300) throw new Error(`${what} answered ${res.status}: ${res.text}`);
  return res.json;
}

export async function ownedResources(): Promise<OwnedResources> {
  const [owner, peer] = await Promise.all([signedInUser('bola'), signedInUser('peer')]);
  await ok(api.post('/dev/credits', { email: owner.email, amountCents: 100_000 }), 'credits');
  const auth = { token: owner.accessToken };
  const conversation = await ok(
    api.post<{ id: string }>('/v1/conversations', { participants: [{ username: peer.username }] }, auth),
    'create conversation',
  );
  const key = await ok(
    api.post<{ id: string }>('/v1/me/api-keys', { name: 'bola', scopes: ['account:read'] }, auth),
    'key',
  );
  const available = await ok(
    api.get<{ items: Array<{ phoneNumber: string }> }>('/v1/numbers/available?country=US&limit=5', auth),
    'available numbers',
  );
  const candidate = available.items[available.items.length - 1];
  if (!candidate) throw new Error('no available US number to buy');
  const number = await ok(
    api.post<{ phoneNumber: string }>('/v1/numbers', { phoneNumber: candidate.phoneNumber }, auth),
    'buy',
  );
  const smsConversation = await ok(
    api.post<{ id: string }>(
      '/v1/conversations',
      { participants: [{ phoneNumber: '+14155550199' }], fromNumber: number.phoneNumber },
      auth,
    ),
    'SMS conversation',
  );
  const verification = await ok(
    api.post<{ id: string }>('/v1/verifications', { service: 'telegram' }, auth),
    'verification',
  );
  const exported = await ok(
    api.get<{ exportId?: string }>('/v1/verifications/export?format=json&async=true', auth),
    'export job',
  );
  if (!exported.exportId) throw new Error('export?async=true answered without an exportId');
  const accountExport = await ok(
    api.post<{ exportId: string }>('/v1/me/export', undefined, auth),
    'account export',
  );
  const webhook = await ok(
    api.post<{ id: string }>('/v1/webhooks', { url: 'http://127.0.0.1:9/bola', events: ['ping'] }, auth),
    'webhook',
  );
  await ok(api.post(`/v1/webhooks/${webhook.id}/test`, {}, auth), 'webhook ping');
  const deliveries = await ok(
    api.get<{ items: Array<{ id: string }> }>(`/v1/webhooks/${webhook.id}/deliveries`, auth),
    'webhook deliveries',
  );
  const delivery = deliveries.items[0];
  if (!delivery) throw new Error('the webhook ping created no delivery');
  return {
    webhookId: webhook.id,
    deliveryId: delivery.id,
    owner,
    conversationId: conversation.id,
    smsConversationId: smsConversation.id,
    apiKeyId: key.id,
    phoneNumber: number.phoneNumber,
    verificationId: verification.id,
    exportId: exported.exportId,
    accountExportId: accountExport.exportId,
  };
}

/** Path parameters naming the owner's resources for a route path, or undefined if none is needed. */
export function paramsFor(path: string, r: OwnedResources): Record<string, string> | undefined {
  if (!path.includes('{')) return undefined;
  if (path.startsWith('/v1/conversations/{id}')) return { id: r.conversationId };
  if (path.startsWith('/v1/me/api-keys/{id}')) return { id: r.apiKeyId };
  if (path.startsWith('/v1/me/exports/{exportId}')) return { exportId: r.accountExportId };
  if (path.startsWith('/v1/numbers/{phoneNumber}')) return { phoneNumber: r.phoneNumber };
  if (path.startsWith('/v1/verifications/exports/{exportId}')) return { exportId: r.exportId };
  if (path.startsWith('/v1/verifications/{id}')) return { id: r.verificationId };
  if (path.startsWith('/v1/webhooks/{id}')) return { id: r.webhookId, deliveryId: r.deliveryId };
  return undefined;
}

/**
 * Parameterised routes that do not name a user's resource (nothing to steal): the marketplace
 * lists numbers anyone may look at.
 */
export const NOT_USER_RESOURCES = new Set(['/v1/numbers/available/{phoneNumber}']);

export function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${path}`);
    return encodeURIComponent(value);
  });
}

/** Syntactically plausible values for routes whose parameters are not looked up (401 tests). */
export const PLACEHOLDER: Record<string, string> = {
  id: 'conv_01JAAAAAAAAAAAAAAAAAAAAAAA',
  phoneNumber: '+14155550123',
  exportId: 'exp_01JAAAAAAAAAAAAAAAAAAAAAAA',
  deliveryId: 'whd_01JAAAAAAAAAAAAAAAAAAAAAAA',
};

/**
 * Resources for which a route's `resourceScopes` apply (see RouteDef): the security suite
 * calls the route on them with a key that holds the route scope but not the extra one.
 */
export function conditionParams(condition: ResourceCondition, r: OwnedResources): Record<string, string> {
  switch (condition) {
    case 'sms-conversation':
      return { id: r.smsConversationId };
  }
}
