import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HttpVersion,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { acknowledge, acknowledgeRenderedIamFindings } from '../nag';

/** Id of CDK's BucketDeployment singleton handler (aws-cdk-lib/aws-s3-deployment). */
const DEPLOYMENT_SINGLETON = '8693BB64968944B69AAFB0CC9EB8756C';

export interface WebHostingProps {
  /** Base URL of the REST API (the part before `/v1`). */
  readonly apiUrl: string;
  /** WebSocket stage URL (wss://...). */
  readonly wsUrl: string;
  /** Bucket receiving CloudFront standard logs. */
  readonly logBucket: Bucket;
  /**
   * The built client (`npm run build:web`). When it is missing (a synth before any build),
   * the bucket and distribution are still created and the deployment is skipped.
   * @default <repo>/web/dist
   */
  readonly distDir?: string;
}

/**
 * The web client on S3 behind CloudFront (origin access control, HTTPS only, SPA fallback),
 * with the published API reference: /openapi.json and the Redoc page at /docs.
 * The API URLs are injected at deploy time as `/config.json`, which the client reads at start,
 * so one build serves every stage.
 */
export class WebHosting extends Construct {
  readonly distribution: Distribution;
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: WebHostingProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Site', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.logBucket,
      serverAccessLogsPrefix: 'web-site/',
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    // The API reference (tools/build-docs.ts) is web/dist/docs/index.html: S3 has no directory
    // index, so /docs and /docs/ are rewritten to it at the edge.
    const docsIndex = new EdgeFunction(this, 'DocsIndex', {
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Serves /docs (the API reference) from /docs/index.html.',
      code: FunctionCode.fromInline(
        "function handler(event) { var r = event.request; if (r.uri === '/docs' || r.uri === '/docs/') { r.uri = '/docs/index.html'; } return r; }",
      ),
    });

    this.distribution = new Distribution(this, 'Cdn', {
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
        functionAssociations: [{ function: docsIndex, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      defaultRootObject: 'index.html',
      // Client-side routes (/chat, /numbers/...) load the app.
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 200,
        responsePagePath: '/index.html',
        ttl: Duration.minutes(5),
      })),
      httpVersion: HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: 'web-cdn/',
    });
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR1',
      'The platform serves users worldwide: no geo restriction.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR2',
      'Static site without forms or server logic; WAF is optional per deployment.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR4',
      'The default CloudFront certificate (policy fixed by CloudFront) is used until a custom domain is configured.',
    );

    const distDir = props.distDir ?? join(__dirname, '..', '..', 'web', 'dist');
    if (existsSync(join(distDir, 'index.html'))) {
      new BucketDeployment(this, 'Deploy', {
        destinationBucket: this.bucket,
        sources: [
          Source.asset(distDir),
          Source.jsonData('config.json', { apiUrl: props.apiUrl, wsUrl: props.wsUrl }),
        ],
        distribution: this.distribution,
        distributionPaths: ['/index.html', '/config.json', '/openapi.json', '/docs/*'],
        memoryLimit: 256,
      });
      // The deployment runs as CDK's singleton custom-resource function; its findings are CDK's own.
      const stack = Stack.of(this);
      const handler = stack.node.tryFindChild(`Custom::CDKBucketDeployment${DEPLOYMENT_SINGLETON}256MiB`);
      if (!handler) throw new Error('BucketDeployment handler not found: update the singleton id');
      const site = stack.getLogicalId(this.bucket.node.defaultChild as CfnBucket);
      const reason =
        'CDK BucketDeployment custom resource: its role, grants and runtime are managed by the CDK.';
      // Written as for an env-agnostic stack; matched against the rendered policy whatever the env.
      acknowledgeRenderedIamFindings(
        handler,
        [
          'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          ...['s3:Abort*', 's3:DeleteObject*', 's3:GetBucket*', 's3:GetObject*', 's3:List*'].map(
            (action) => `AwsSolutions-IAM5[Action::${action}]`,
          ),
          'AwsSolutions-IAM5[Resource::*]',
          `AwsSolutions-IAM5[Resource::<${site}.Arn>/*]`,
          'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
        ],
        reason,
      );
      acknowledge(handler, 'AwsSolutions-L1', reason);
    }
  }
}
