import type { APIGatewayProxyResult } from 'aws-lambda';

/** Placeholder until the realtime context lands: accepts the default event. */
export const handler = async (): Promise<APIGatewayProxyResult> => ({ statusCode: 200, body: '' });
