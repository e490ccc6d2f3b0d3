/**
 * The SMSPROJ TypeScript SDK: the typed API client (./client.ts) and the webhook signature check
 * (./webhooks.ts, Node: it uses node:crypto; browsers import ./client).
 *
 * ```ts
 * const api = createClient({ baseUrl: 'http://localhost:3000', accessToken: token });
 * const me = await unwrap(api.GET('/v1/me'));
 * await unwrap(api.POST('/v1/sms', { body: { from, to, body: 'Hi' } })); // Idempotency-Key added
 * for await (const c of paginate((cursor) => api.GET('/v1/conversations', { params: { query: { cursor } } }))) {}
 * const event = verifyWebhook(secret, req.headers['smsproj-signature'], rawBody);
 * ```
 */
export * from './client';
export * from './webhooks';
