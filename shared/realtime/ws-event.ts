import * as z from 'zod';

/**
 * The parts of an API Gateway WebSocket event the handlers use, validated. The authorizer's
 * context (set at $connect by the WebSocket authorizer, or by the local gateway) comes with
 * every event of the connection as flat strings.
 */
export const wsEvent = /* @__PURE__ */ z.object({
  requestContext: z.object({
    connectionId: z.string().min(1).max(128),
    authorizer: z.record(z.string(), z.unknown()).nullish(),
  }),
  body: z.string().nullish(),
  isBase64Encoded: z.boolean().optional(),
});
export type WsEventInput = z.infer<typeof wsEvent>;

/** The caller's user id from the authorizer context, if present. */
export function authorizedUserId(event: WsEventInput): string | undefined {
  const userId = event.requestContext.authorizer?.userId;
  return typeof userId === 'string' && userId.length > 0 ? userId : undefined;
}

/** The frame as text (API Gateway base64-encodes binary frames). */
export function frameText(event: WsEventInput): string {
  const raw = event.body ?? '';
  return event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
}
