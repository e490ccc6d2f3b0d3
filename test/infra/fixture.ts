import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { buildSmsProj, type SmsProjAppOptions, type SmsProjStacks } from '../../lib/app';

const cdkJson = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'cdk.json'), 'utf8')) as {
  context: Record<string, unknown>;
};

/**
 * An App with the feature flags of cdk.json (the CLI passes them the same way) and bundling
 * skipped: 'aws:cdk:bundling-stacks' = [] makes NodejsFunction stage a placeholder asset
 * instead of running esbuild, which keeps the suite fast.
 */
export function newApp(): App {
  return new App({
    context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] },
  });
}

export interface Synthesized extends SmsProjStacks {
  readonly app: App;
  readonly statefulTemplate: Template;
  readonly statelessTemplate: Template;
  /** Template of the stack (or nested stack) that holds a construct. */
  templateOf(construct: IConstruct): Template;
  /** Logical id of a construct's CloudFormation resource in its own (nested) stack. */
  logicalIdOf(construct: IConstruct): string;
}

/** Builds and synthesizes the whole app (cdk-nag plugin off unless asked: it has its own test). */
export function synthesize(options: SmsProjAppOptions = {}): Synthesized {
  const app = newApp();
  const stacks = buildSmsProj(app, { nag: false, ...options });
  const templates = new Map<Stack, Template>();
  const templateOf = (construct: IConstruct): Template => {
    const stack = Stack.of(construct);
    let template = templates.get(stack);
    if (!template) {
      template = Template.fromStack(stack);
      templates.set(stack, template);
    }
    return template;
  };
  return {
    app,
    ...stacks,
    statefulTemplate: templateOf(stacks.stateful),
    statelessTemplate: templateOf(stacks.stateless),
    templateOf,
    logicalIdOf: (construct) => {
      const resource = construct.node.defaultChild ?? construct;
      return Stack.of(construct).getLogicalId(resource as never);
    },
  };
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

export const resourcesOf = (template: Template): Resources =>
  (template.toJSON() as { Resources: Resources }).Resources;

/** Full path ('/v1/me/api-keys/{id}') of every AWS::ApiGateway::Resource logical id. */
export function restResourcePaths(template: Template): Map<string, string> {
  const resources = resourcesOf(template);
  const paths = new Map<string, string>();
  const resolve = (logicalId: string): string => {
    const known = paths.get(logicalId);
    if (known) return known;
    const props = resources[logicalId]?.Properties as { ParentId: { Ref?: string }; PathPart: string };
    const parentPath = props.ParentId.Ref ? resolve(props.ParentId.Ref) : '';
    const full = `${parentPath}/${props.PathPart}`;
    paths.set(logicalId, full);
    return full;
  };
  for (const [id, r] of Object.entries(resources)) if (r.Type === 'AWS::ApiGateway::Resource') resolve(id);
  return paths;
}

export interface RestMethod {
  readonly logicalId: string;
  readonly method: string;
  readonly path: string;
  readonly properties: Record<string, unknown>;
}

/** Every AWS::ApiGateway::Method with its full resource path ('/' for the root resource). */
export function restMethods(template: Template): RestMethod[] {
  const paths = restResourcePaths(template);
  return Object.entries(resourcesOf(template))
    .filter(([, r]) => r.Type === 'AWS::ApiGateway::Method')
    .map(([logicalId, r]) => {
      const properties = r.Properties ?? {};
      const resourceId = properties.ResourceId as { Ref?: string };
      return {
        logicalId,
        method: String(properties.HttpMethod),
        path: resourceId.Ref ? (paths.get(resourceId.Ref) ?? '?') : '/',
        properties,
      };
    });
}
