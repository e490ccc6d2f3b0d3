import { Match } from 'aws-cdk-lib/assertions';
import { synthesize } from './fixture';

/** Needs the built client (`npm run build:web`, which `npm test` runs first). */
describe('web hosting', () => {
  const { stateless, templateOf } = synthesize();
  const template = templateOf(stateless.web);

  it('serves the client from a private bucket through CloudFront with origin access control', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        CustomErrorResponses: Match.arrayWith([
          Match.objectLike({ ErrorCode: 404, ResponseCode: 200, ResponsePagePath: '/index.html' }),
        ]),
      }),
    });
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
  });

  it('deploys web/dist with config.json carrying the API and WebSocket URLs', () => {
    const deployments = template.findResources('Custom::CDKBucketDeployment');
    expect(Object.keys(deployments)).toHaveLength(1);
    const props = JSON.stringify(Object.values(deployments)[0]);
    expect(props).toContain('DistributionPaths');
    // Source.jsonData renders the markers for the API and WebSocket URLs into the deployment.
    expect(props).toMatch(/SourceMarkers/);
  });

  it('publishes the API reference: /docs rewritten to /docs/index.html at the edge, openapi.json deployed', () => {
    const functions = template.findResources('AWS::CloudFront::Function');
    expect(Object.keys(functions)).toHaveLength(1);
    const code = String(Object.values(functions)[0]?.Properties?.FunctionCode);
    expect(code).toContain("r.uri === '/docs'");
    expect(code).toContain("'/docs/index.html'");
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({
          FunctionAssociations: [Match.objectLike({ EventType: 'viewer-request' })],
        }),
      }),
    });
    const deployment = JSON.stringify(
      Object.values(template.findResources('Custom::CDKBucketDeployment'))[0],
    );
    expect(deployment).toContain('/openapi.json');
    expect(deployment).toContain('/docs/*');
  });
});
