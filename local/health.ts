import { answers } from './wait';

export type ServiceState = 'ok' | 'unavailable';

export interface HealthReport {
  readonly status: 'ok' | 'unavailable';
  readonly services: Readonly<Record<string, ServiceState>>;
}

export interface HealthTargets {
  readonly dynamodbEndpoint: string;
  readonly tableName: string;
  readonly cognitoEndpoint: string;
  readonly s3Endpoint: string;
  readonly bucket: string;
}

/**
 * GET /health: each emulator answers a real request for our resources (the table, the bucket),
 * so "ok" means bootstrap has happened too, not merely that a port is open.
 */
export function createHealthCheck(targets: HealthTargets): () => Promise<HealthReport> {
  const checks: Record<string, () => Promise<boolean>> = {
    dynamodb: async () => {
      const response = await fetch(targets.dynamodbEndpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'DynamoDB_20120810.DescribeTable',
          authorization:
            'AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
        },
        body: JSON.stringify({ TableName: targets.tableName }),
        signal: AbortSignal.timeout(2000),
      });
      await response.arrayBuffer();
      return response.ok;
    },
    cognito: async () => answers(`${targets.cognitoEndpoint}/health`, {}, 2000),
    s3: async () => {
      const response = await fetch(`${targets.s3Endpoint}/${targets.bucket}`, {
        method: 'HEAD',
        signal: AbortSignal.timeout(2000),
      });
      return response.ok;
    },
  };
  return async () => {
    const entries = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        const ok = await check().catch(() => false);
        return [name, ok ? 'ok' : 'unavailable'] as const;
      }),
    );
    const services = Object.fromEntries(entries) as Record<string, ServiceState>;
    const status = Object.values(services).every((state) => state === 'ok') ? 'ok' : 'unavailable';
    return { status, services };
  };
}
