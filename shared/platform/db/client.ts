import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '#lib-dynamodb';
import { port } from '../adapters/port';
import { config, EMULATOR_CREDENTIALS } from '../config';

/**
 * What the table's client needs beyond the SDK in a runtime: nothing in AWS; locally, DynamoDB
 * Local's differences from DynamoDB (local/adapters/dynamodb-local.ts). Applied once, when the
 * client is made, so the local runtime installs it before its first table access.
 */
export interface DynamoDialect {
  setUp(client: DynamoDBClient): void;
}

const dynamoItself: DynamoDialect = { setUp: () => {} };

export const dynamoDialect = /* @__PURE__ */ port(() => dynamoItself);

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
  dynamoDialect().setUp(client);
  documentClient = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return documentClient;
}

export const tableName = (): string => config('table').TABLE_NAME;
