import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '#lib-dynamodb';
import { config, EMULATOR_CREDENTIALS } from '../config';

/**
 * One DynamoDB client per process, created on first use (never inside a handler call).
 * Locally the endpoint points at DynamoDB Local with dummy credentials.
 */
let documentClient: DynamoDBDocumentClient | undefined;

export function dynamo(): DynamoDBDocumentClient {
  if (documentClient) return documentClient;
  const { DYNAMODB_ENDPOINT } = config('table');
  const { AWS_REGION } = config('core');
  const client = new DynamoDBClient({
    region: AWS_REGION,
    ...(DYNAMODB_ENDPOINT ? { endpoint: DYNAMODB_ENDPOINT, credentials: EMULATOR_CREDENTIALS } : {}),
  });
  documentClient = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return documentClient;
}

export const tableName = (): string => config('table').TABLE_NAME;
