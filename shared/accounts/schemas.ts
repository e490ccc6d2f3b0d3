import * as z from 'zod';
import { password, text, username } from '../http/schemas';
import { SCOPES } from '../http/route';

/** Only fullName and username are editable: email, plan, balance and unknown fields are a 400 (no mass assignment). */
export const patchMeBody = z
  .object({ fullName: text(0, 100).optional(), username: username.optional() })
  .strict()
  .refine((b) => b.fullName !== undefined || b.username !== undefined, { message: 'Nothing to update.' });

export const changePasswordBody = z
  .object({ currentPassword: z.string().min(1).max(256), newPassword: password })
  .strict();

export const createApiKeyBody = z
  .object({
    name: text(1, 64),
    scopes: z
      .array(z.enum(SCOPES, { message: `Scopes must be among: ${SCOPES.join(', ')}.` }))
      .min(1)
      .max(SCOPES.length)
      .refine((s) => new Set(s).size === s.length, { message: 'Scopes must not repeat.' }),
  })
  .strict();

export const apiKeyParams = z.object({
  id: z.string().regex(/^key_[0-9A-HJKMNP-TV-Z]{26}$/, { message: 'Must be a key_ id.' }),
});

const channelPrefs = z
  .object({
    numberRenewal: z.boolean(),
    verificationExpired: z.boolean(),
    usageWarnings: z.boolean(),
    newMessage: z.boolean(),
  })
  .strict();

export const notificationPreferencesBody = z.object({ email: channelPrefs, inApp: channelPrefs }).strict();
export type NotificationPreferences = z.infer<typeof notificationPreferencesBody>;
export type NotificationKind = keyof NotificationPreferences['email'];

const isoDate = z
  .string()
  .max(40)
  .refine(
    (v) => /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(v) && !Number.isNaN(Date.parse(v)),
    {
      message: 'Use YYYY-MM-DD or an ISO-8601 date-time.',
    },
  );

export const usageQuery = z
  .object({ from: isoDate.optional(), to: isoDate.optional(), granularity: z.literal('day').default('day') })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), {
    message: '`from` must not be after `to`.',
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, {
    message: 'At most one year per request.',
  })
  .refine((q) => !q.from || q.to || Date.now() - Date.parse(q.from) <= 366 * 86_400_000, {
    message: 'At most one year per request.',
  });
