import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { authorize } from '../../shared/auth/authorizer';
import { logAuthFailure } from '../../shared/auth/log-failure';
import { authContextToRecord } from '../../shared/platform/http/auth-context';

/** WebSocket $connect authorizer: the access token comes in the `token` query parameter. */
export const handler = async (
  event: APIGatewayRequestAuthorizerEvent,
): Promise<APIGatewayAuthorizerResult> => {
  const token = event.queryStringParameters?.token;
  const credentials = { authorization: token ? `Bearer ${token}` : undefined };
  const result = await authorize(credentials);
  if (!result.ok) {
    logAuthFailure(result.reason, {
      route: '$connect',
      sourceIp: event.requestContext?.identity?.sourceIp ?? 'unknown',
      credentials,
    });
    throw new Error('Unauthorized');
  }
  return {
    principalId: result.auth.userId,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }],
    },
    context: authContextToRecord(result.auth),
  };
};
