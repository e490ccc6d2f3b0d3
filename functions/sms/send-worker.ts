import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { handleSendQueueEvent } from '../../shared/sms/worker';

/** SQS consumer of the outbound SMS queue (ReportBatchItemFailures on). Locally the in-process queue calls the same code. */
export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => handleSendQueueEvent(event);
