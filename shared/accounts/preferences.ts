import { db } from './preferences-db';
import type { NotificationKind, NotificationPreferences } from './schemas';

export const DEFAULT_PREFERENCES: NotificationPreferences = {
  email: { numberRenewal: true, verificationExpired: true, usageWarnings: true, newMessage: true },
  inApp: { numberRenewal: true, verificationExpired: true, usageWarnings: true, newMessage: true },
};

export async function getPreferences(userId: string): Promise<NotificationPreferences> {
  const { data } = await db().entities.preferences.get({ userId }).go();
  if (!data) return DEFAULT_PREFERENCES;
  return {
    email: { ...DEFAULT_PREFERENCES.email, ...data.email },
    inApp: { ...DEFAULT_PREFERENCES.inApp, ...data.inApp },
  };
}

export async function putPreferences(
  userId: string,
  prefs: NotificationPreferences,
): Promise<NotificationPreferences> {
  await db().entities.preferences.put({ userId, email: prefs.email, inApp: prefs.inApp }).go();
  return prefs;
}

/** Whether the user wants this kind of notification on this channel (defaults: yes). */
export async function wantsNotification(
  userId: string,
  channel: 'email' | 'inApp',
  kind: NotificationKind,
): Promise<boolean> {
  return (await getPreferences(userId))[channel][kind];
}
