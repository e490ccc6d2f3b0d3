import type { SNSEvent } from 'aws-lambda';
import { handleInboundSnsEvent } from '../../shared/sms/inbound';

/** Subscribed to the End User Messaging two-way SMS topic. Locally POST /dev/sms/inbound invokes it. */
export const handler = async (event: SNSEvent): Promise<void> => {
  await handleInboundSnsEvent(event);
};
