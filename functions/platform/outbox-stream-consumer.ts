import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { handleStreamEvent } from '../../shared/platform/outbox/router';

/**
 * The transactional outbox consumer: the table's DynamoDB stream (event source mapping with
 * retries, bisect on error and an on-failure DLQ in AWS; the local stream poller locally).
 */
export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> =>
  handleStreamEvent(event);
