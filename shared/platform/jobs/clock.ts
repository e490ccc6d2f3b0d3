import * as z from '../zod';

const jobEvent = /* @__PURE__ */ z.object({
  now: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.iso.datetime({ offset: true })),
});

/** The time a job runs at: the event's `now` (dev endpoint, tests) or the clock; a malformed `now` throws. */
export function jobNow(event: unknown): Date {
  const { now } = jobEvent.parse(event ?? {});
  return now ? new Date(now) : new Date();
}
