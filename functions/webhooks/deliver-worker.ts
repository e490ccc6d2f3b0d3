import type { SQSEvent } from 'aws-lambda';
import { handleDeliveryQueueEvent } from '../../shared/webhooks/dispatcher';

/** SQS consumer of the webhook delivery queue: one signed attempt per message. */
export const handler = (event: SQSEvent) => handleDeliveryQueueEvent(event);
