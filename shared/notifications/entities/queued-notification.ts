import type { EntityItem } from 'electrodb';
import { modelEntity } from '../../platform/db/model-entity';
import { SERVICE_NAME } from '../../platform/db/schema';

/**
 * A notification a request decided to send, handed to the transactional outbox: the table's
 * stream delivers it (in-app push and email, per the user's preferences) after the request, so
 * the request path loads no email client. Kept a day (the stream keeps records 24 h).
 */
export const QueuedNotification = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'queuedNotification', version: '1' },
  attributes: {
    notificationId: { type: 'string', required: true, readOnly: true },
    userId: { type: 'string', required: true, readOnly: true },
    /** The preference (shared/accounts/schemas.ts NotificationKind) that decides the channels. */
    preference: { type: 'string', required: true },
    kind: { type: 'string', required: true },
    title: { type: 'string', required: true },
    body: { type: 'string', required: true },
    ref: { type: 'string', required: true },
    email: { type: 'boolean' },
    emailText: { type: 'string' },
    createdAt: { type: 'string', required: true },
    ttl: { type: 'number', required: true },
  },
  indexes: {
    primary: { pk: { field: 'pk', composite: ['notificationId'] }, sk: { field: 'sk', composite: [] } },
  },
});
export type QueuedNotificationItem = EntityItem<typeof QueuedNotification>;
