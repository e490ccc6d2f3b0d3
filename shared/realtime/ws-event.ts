import * as z from '../platform/zod';
import { nonEmptyString } from '../platform/http/schemas';

/**
 * The parts of an API Gateway WebSocket event the handlers use, validated. The authorizer's
 * context (set at $connect by the WebSocket authorizer, or by the local gateway) comes with
 * every event of the connection as flat strings.
 */
export const wsEvent = /* @__PURE__ */ z.object({
  requestContext: /* @__PURE__ */ z.object({
    connectionId: /* @__PURE__ */ nonEmptyString(128),
    authorizer: /* @__PURE__ */ z.nullish(
      /* @__PURE__ */ z.record(/* @__PURE__ */ z.string(), /* @__PURE__ */ z.unknown()),
    ),
  }),
  body: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  isBase64Encoded: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.boolean()),
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
