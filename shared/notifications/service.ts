import { getPreferences } from '../accounts/preferences';
import type { NotificationKind } from '../accounts/schemas';
import { sendEmail } from '../platform/adapters/email';
import { getUser } from '../auth/users';
import { pushToUsers } from '../realtime/connections';

export interface Notification {
  /** Event kind in the `notification` WebSocket event, e.g. `number.renewal_notice`. */
  readonly kind: string;
  readonly title: string;
  readonly body: string;
  /** What it is about: a phone number, a `vrf_` id, a metric... */
  readonly ref: string;
  /** Also send an email (when the email preference for `preference` is on). @default true */
  readonly email?: boolean;
  /** Email body, when it should say more than `body`. */
  readonly emailText?: string;
}

/**
 * The one way the platform notifies a user: an in-app `notification` WebSocket event and an
 * email, each only where the user's preference for that kind and channel is on
 * (../shared/API.md, notification preferences).
 */
export async function notify(
  userId: string,
  preference: NotificationKind,
  notification: Notification,
): Promise<void> {
  const prefs = await getPreferences(userId);
  const work: Promise<unknown>[] = [];
  if (prefs.inApp[preference]) {
    work.push(
      pushToUsers([userId], {
        type: 'notification',
        kind: notification.kind,
        title: notification.title,
        body: notification.body,
        ref: notification.ref,
      }),
    );
  }
  if ((notification.email ?? true) && prefs.email[preference]) {
    work.push(
      getUser(userId).then((user) =>
        user
          ? sendEmail({
              to: user.email,
              subject: notification.title,
              text: notification.emailText ?? notification.body,
            })
          : undefined,
      ),
    );
  }
  await Promise.all(work);
}
