import type { SNSEvent } from 'aws-lambda';
import { handleReceiptSnsEvent } from '../../shared/sms/receipts';

/** Subscribed to the End User Messaging event destination topic. Locally the carrier simulator invokes it. */
export const handler = async (event: SNSEvent): Promise<void> => {
  await handleReceiptSnsEvent(event);
};
