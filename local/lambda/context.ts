import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

export interface LambdaContextOptions {
  /** Handler module, e.g. `accounts/get-me`; becomes the function name `smsproj-accounts-get-me`. */
  readonly module: string;
  readonly timeoutMs: number;
  readonly memoryMb?: number;
  readonly requestId?: string;
}

const REGION = 'us-east-1';
const ACCOUNT = '000000000000';

/**
 * A Lambda `context` as the Node.js runtime provides it, so handlers (and Powertools'
 * injectLambdaContext) see the same fields locally: request id, function name and ARN, memory,
 * log group and a clock counting down to the function's timeout.
 */
export function createLambdaContext(options: LambdaContextOptions): Context {
  const functionName = `smsproj-${options.module.replaceAll('/', '-')}`;
  const deadline = Date.now() + options.timeoutMs;
  const unsupported = (name: string) => () => {
    throw new Error(`context.${name}() is not supported: return a value or a promise instead`);
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${functionName}`,
    memoryLimitInMB: String(options.memoryMb ?? 512),
    awsRequestId: options.requestId ?? randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/[$LATEST]${randomUUID().replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported('done'),
    fail: unsupported('fail'),
    succeed: unsupported('succeed'),
  };
}
