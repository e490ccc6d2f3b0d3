import { cognitoDialect } from '../../shared/auth/cognito';
import { gatewayKeys } from '../../shared/accounts/gateway-keys';
import { emailSender } from '../../shared/platform/adapters/email';
import { queuedWork } from '../../shared/platform/adapters/queued-work';
import { dynamoDialect } from '../../shared/platform/db/client';
import { carrier } from '../../shared/sms/carrier';
import { smsQueue } from '../../shared/sms/queue';
import type { SendJob } from '../../shared/sms/schemas';
import { handleSendQueueEvent } from '../../shared/sms/worker';
import { type DeliveryJob, deliveryQueue } from '../../shared/webhooks/delivery-queue';
import { handleDeliveryQueueEvent } from '../../shared/webhooks/dispatcher';
import { secretCipher } from '../../shared/webhooks/secret-cipher';
import { guardMode } from '../../shared/webhooks/service';
import { cognitoLocalDialect } from './cognito-local';
import { dynamoDbLocalDialect } from './dynamodb-local';
import { inProcessQueue } from './in-process-queue';
import { mailbox } from './mailbox';
import { inProcessWork } from './queued-work';
import { localSecretCipher } from './secret-cipher';
import { outboxOnlyCarrier } from './sms-outbox';

/** The local SMS send queue and webhook delivery queue (in-process, same worker code). */
export const localSmsQueue = inProcessQueue<SendJob>(
  'sms-send',
  handleSendQueueEvent,
  (job) => job.messageId,
);
export const localDeliveryQueue = inProcessQueue<DeliveryJob>(
  'webhook-deliveries',
  handleDeliveryQueueEvent,
  (job) => job.deliveryId,
);

/**
 * Installs the local implementation of every port (shared/platform/adapters/port.ts) in this
 * process: the local runtime, and the test and bench processes that call services directly.
 * The runtime then installs the carrier simulator over the outbox carrier.
 */
export function installLocalAdapters(): void {
  dynamoDialect.install(dynamoDbLocalDialect);
  emailSender.install(mailbox);
  cognitoDialect.install(cognitoLocalDialect);
  queuedWork.install(inProcessWork);
  smsQueue.install(localSmsQueue);
  carrier.install(outboxOnlyCarrier);
  deliveryQueue.install(localDeliveryQueue);
  secretCipher.install(localSecretCipher());
  guardMode.install({ allowLoopback: true });
  gatewayKeys.install({ create: async () => undefined, delete: async () => {}, move: async () => {} });
}

/** Resolves when no local SMS send or immediate webhook delivery is in flight. */
export async function drainLocalQueues(): Promise<void> {
  await Promise.all([localSmsQueue.drain(), localDeliveryQueue.drain()]);
}
