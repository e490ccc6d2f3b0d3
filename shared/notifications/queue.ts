import type { NotificationKind } from '../accounts/schemas';
import { newId } from '../platform/ids';
import { ttlIn } from '../platform/db/schema';
import { db } from './db';
import type { QueuedNotificationItem } from './entities/queued-notification';
import { type Notification, notify } from './service';

const KEEP_SECONDS = 24 * 60 * 60;

/**
 * Notifies after the request: the notification is stored and the outbox consumer delivers it
 * (shared/platform/outbox/router.ts → `notify`), at least once. For request paths — usage
 * warnings on every metered send — which then load neither the email client nor the user's
 * preferences; scheduled jobs call `notify` directly.
 */
export async function queueNotification(
  userId: string,
  preference: NotificationKind,
  notification: Notification,
): Promise<void> {
  const now = Date.now();
  await db()
    .entities.queuedNotification.create({
      notificationId: newId('ntf'),
      userId,
      preference,
      kind: notification.kind,
      title: notification.title,
      body: notification.body,
      ref: notification.ref,
      ...(notification.email === undefined ? {} : { email: notification.email }),
      ...(notification.emailText === undefined ? {} : { emailText: notification.emailText }),
      createdAt: new Date(now).toISOString(),
      ttl: ttlIn(KEEP_SECONDS, now),
    })
    .go({ response: 'none' });
}

/** The outbox consumer's side (shared/platform/outbox/router.ts): delivers a queued notification as `notify` would. */
export async function deliverQueuedNotification(item: QueuedNotificationItem): Promise<void> {
  await notify(item.userId, item.preference as NotificationKind, {
    kind: item.kind,
    title: item.title,
    body: item.body,
    ref: item.ref,
    ...(item.email === undefined ? {} : { email: item.email }),
    ...(item.emailText === undefined ? {} : { emailText: item.emailText }),
  });
}
