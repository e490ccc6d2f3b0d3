import type { Stage } from 'aws-cdk-lib/aws-apigateway';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/**
 * Per-client-IP limit of the public auth routes (API.md "v1.1 Security and abuse limits":
 * `/v1/auth/*` but logout, 20 requests/s with bursts of 40). WAF rate-based rules count requests
 * per IP over an evaluation window (60, 120, 300 or 600 s) and block while the count is over the
 * limit, so the sustained rate maps to `rate × window`: 20/s over 60 s is 1,200 requests. A burst
 * of 40 in one second is always within it; what WAF cannot do is refuse the 41st request of a
 * single second (the local gateway enforces the exact token bucket).
 */
export const AUTH_RATE_PER_SECOND = 20;
export const AUTH_BURST = 40;
export const AUTH_RATE_WINDOW_SECONDS = 60;
export const AUTH_RATE_LIMIT = AUTH_RATE_PER_SECOND * AUTH_RATE_WINDOW_SECONDS;

/** AWS managed rule groups, evaluated before the rate rule (priority order). */
export const MANAGED_RULE_GROUPS = [
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesKnownBadInputsRuleSet',
  'AWSManagedRulesCommonRuleSet',
] as const;

export interface RestApiWafProps {
  /** The REST API stage the web ACL protects. */
  readonly stage: Stage;
  /** The stage's name as a literal (the first segment of execute-api paths). */
  readonly stageName: string;
  /** @default AUTH_RATE_LIMIT requests per AUTH_RATE_WINDOW_SECONDS per IP */
  readonly authRateLimit?: number;
}

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

const startsWith = (prefix: string): CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint: 'STARTS_WITH',
    searchString: prefix,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
});

/**
 * A regional WAFv2 web ACL on the REST API stage: Amazon IP reputation, known bad inputs and the
 * common rule set, then the per-IP rate rule of the public auth routes, answered with a 429
 * problem+json body like the API's own `rate_limited`.
 */
export class RestApiWaf extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: RestApiWafProps) {
    super(scope, id);
    const { stageName } = props;
    // On the execute-api endpoint the path WAF sees starts with the stage; on a custom domain it does not.
    const authPaths: CfnWebACL.StatementProperty = {
      orStatement: { statements: [startsWith(`/${stageName}/v1/auth/`), startsWith('/v1/auth/')] },
    };
    const logout: CfnWebACL.StatementProperty = {
      orStatement: {
        statements: [startsWith(`/${stageName}/v1/auth/logout`), startsWith('/v1/auth/logout')],
      },
    };

    const managed = MANAGED_RULE_GROUPS.map(
      (name, priority): CfnWebACL.RuleProperty => ({
        name,
        priority,
        statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
        overrideAction: { none: {} },
        visibilityConfig: visibility(name),
      }),
    );

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      description: 'SMSPROJ REST API: AWS managed rules and the per-IP limit of the public auth routes',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('smsproj-rest'),
      customResponseBodies: {
        rateLimited: {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({
            type: 'https://smsproj.dev/problems/rate-limited',
            title: 'Too many requests',
            status: 429,
            detail: 'Too many requests from this address to the authentication endpoints.',
            code: 'rate_limited',
            retryAfter: AUTH_RATE_WINDOW_SECONDS,
          }),
        },
      },
      rules: [
        ...managed,
        {
          name: 'AuthRoutesPerIp',
          priority: managed.length,
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              evaluationWindowSec: AUTH_RATE_WINDOW_SECONDS,
              limit: props.authRateLimit ?? AUTH_RATE_LIMIT,
              scopeDownStatement: {
                andStatement: { statements: [authPaths, { notStatement: { statement: logout } }] },
              },
            },
          },
          action: {
            block: {
              customResponse: {
                responseCode: 429,
                customResponseBodyKey: 'rateLimited',
                // WAF prefixes custom header names with `x-amzn-waf-`.
                responseHeaders: [{ name: 'Retry-After', value: String(AUTH_RATE_WINDOW_SECONDS) }],
              },
            },
          },
          visibilityConfig: visibility('AuthRoutesPerIp'),
        },
      ],
    });

    const association = new CfnWebACLAssociation(this, 'Association', {
      resourceArn: props.stage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
    // The stage ARN is built from the API id and the stage name: wait for the stage itself.
    association.node.addDependency(props.stage);
  }
}
