import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { authorize } from '../../shared/auth/authorizer';
import { logAuthFailure } from '../../shared/auth/log-failure';
import { authContextToRecord } from '../../shared/platform/http/auth-context';

const header = (event: APIGatewayRequestAuthorizerEvent, name: string): string | undefined => {
  const entry = Object.entries(event.headers ?? {}).find(([key]) => key.toLowerCase() === name);
  return entry?.[1] ?? undefined;
};

/**
 * REST API REQUEST authorizer (results cache off, so revocation is immediate). Allows the call
 * with the caller in the context and the usage-plan key; throwing 'Unauthorized' makes API
 * Gateway answer 401 through the UNAUTHORIZED gateway response (problem+json).
 */
export const handler = async (
  event: APIGatewayRequestAuthorizerEvent,
): Promise<APIGatewayAuthorizerResult> => {
  const credentials = { authorization: header(event, 'authorization'), apiKey: header(event, 'x-api-key') };
  const result = await authorize(credentials);
  if (!result.ok) {
    logAuthFailure(result.reason, {
      route: `${event.httpMethod} ${event.resource}`,
      sourceIp: event.requestContext?.identity?.sourceIp ?? 'unknown',
      credentials,
    });
    throw new Error('Unauthorized');
  }
  // One policy for the whole API: the decision does not depend on the method (scopes are checked per route).
  const [arnBase] = event.methodArn.split('/');
  return {
    principalId: result.auth.userId,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: `${arnBase}/*` }],
    },
    context: authContextToRecord(result.auth),
    ...(result.usageIdentifierKey ? { usageIdentifierKey: result.usageIdentifierKey } : {}),
  };
};
