import { RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogField, AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { LogGroupLogDestination, WebSocketApi, WebSocketStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketLambdaAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { WS_AUTHORIZER_HANDLER, type WsRouteDef, wsRoutes } from '../../shared/realtime/ws-routes';
import { acknowledge } from '../nag';
import type { HandlerFunctions } from './handler-functions';

/** Query parameter carrying the access token on $connect (API.md: `?token=<accessToken>`). */
export const WS_TOKEN_IDENTITY_SOURCE = 'route.request.querystring.token';

export interface RealtimeApiProps {
  readonly functions: HandlerFunctions;
  /**
   * @default wsRoutes from shared/realtime/ws-routes.ts
   */
  readonly routes?: readonly WsRouteDef[];
  /**
   * Handler module of the $connect authorizer.
   * @default WS_AUTHORIZER_HANDLER ('auth/ws-authorizer')
   */
  readonly authorizerHandler?: string;
  /**
   * @default 'live'
   */
  readonly stageName?: string;
  /**
   * Stage-wide message throttle.
   * @default { rateLimit: 500, burstLimit: 1000 }
   */
  readonly throttle?: { readonly rateLimit: number; readonly burstLimit: number };
}

/**
 * The WebSocket API built from the WebSocket route table. Only $connect can carry an
 * authorizer in API Gateway; later frames travel on the authorized connection. Functions
 * that push get the stage's management endpoint and `execute-api:ManageConnections`.
 */
export class RealtimeApi extends Construct {
  readonly api: WebSocketApi;
  readonly stage: WebSocketStage;
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: RealtimeApiProps) {
    super(scope, id);
    const routes = props.routes ?? wsRoutes;
    if (!routes.some((r) => r.routeKey === '$connect'))
      throw new Error('The WebSocket routes need a $connect route');

    this.api = new WebSocketApi(this, 'Api', {
      description: 'SMSPROJ realtime events (generated from shared/realtime/ws-routes.ts)',
      routeSelectionExpression: '$request.body.action',
    });

    const authorizer = new WebSocketLambdaAuthorizer(
      'ConnectAuthorizer',
      props.functions.forModule(props.authorizerHandler ?? WS_AUTHORIZER_HANDLER),
      { identitySource: [WS_TOKEN_IDENTITY_SOURCE] },
    );

    for (const route of routes) {
      const fn = props.functions.forModule(route.handler);
      const integrationId = `${route.routeKey.replace(/[^A-Za-z0-9]/g, '') || 'Route'}Integration`;
      const wsRoute = this.api.addRoute(route.routeKey, {
        integration: new WebSocketLambdaIntegration(integrationId, fn),
        ...(route.routeKey === '$connect' ? { authorizer } : {}),
      });
      if (route.routeKey !== '$connect') {
        acknowledge(
          wsRoute,
          'AwsSolutions-APIG4',
          'API Gateway runs WebSocket authorizers on $connect only; this route is reached on an already authorized connection.',
        );
      }
    }

    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const throttle = props.throttle ?? { rateLimit: 500, burstLimit: 1000 };
    this.stage = new WebSocketStage(this, 'Stage', {
      webSocketApi: this.api,
      stageName: props.stageName ?? 'live',
      autoDeploy: true,
      throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: AccessLogField.contextRequestId(),
            requestTime: AccessLogField.contextRequestTime(),
            ip: AccessLogField.contextIdentitySourceIp(),
            eventType: AccessLogField.contextEventType(),
            routeKey: AccessLogField.contextRouteKey(),
            connectionId: AccessLogField.contextConnectionId(),
            status: AccessLogField.contextStatus(),
            userId: AccessLogField.contextAuthorizer('userId'),
          }),
        ),
      },
    });
    props.functions.bindWebSocket(this.stage);
  }
}
