import { Stack, Token, Validations } from 'aws-cdk-lib';
import { CfnPolicy, CfnRole, type Grant } from 'aws-cdk-lib/aws-iam';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import type { IConstruct } from 'constructs';

/**
 * cdk-nag v3 acknowledgments. cdk-nag runs as a CDK policy-validation plugin
 * (`Validations.of(app).addPlugins(new AwsSolutionsChecks(app))`); any finding that is not
 * acknowledged fails `cdk synth`. Every acknowledgment names one finding and its reason.
 */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/**
 * Acknowledges the AwsSolutions-IAM5 (wildcard) findings of exactly the statements one L2
 * `grant*` call produced, e.g. `${table.tableArn}/index/*` or `s3:GetObject*`. cdk-nag names a
 * finding after the rendered template value, which for cross-stack references is only known
 * once references are resolved, so the ids are computed during validation (after `prepare`,
 * before cdk-nag runs). Wildcards added by anything else still fail the synth.
 */
export function acknowledgeGrantWildcards(scope: IConstruct, grant: Grant, reason: string): void {
  scope.node.addValidation({
    validate: () => {
      const stack = Stack.of(scope);
      for (const statement of grant.principalStatements) {
        const json = statement.toStatementJson() as { Action?: unknown; Resource?: unknown };
        const actions = ([] as unknown[])
          .concat(json.Action ?? [])
          .filter((a): a is string => typeof a === 'string');
        const resources = ([] as unknown[]).concat(stack.resolve(json.Resource) ?? []);
        const findings = [
          ...actions.filter((a) => a.includes('*')).map((a) => `Action::${a}`),
          ...resources
            .map(flattenCfnReference)
            .filter((r) => r.includes('*'))
            .map((r) => `Resource::${r}`),
        ];
        for (const finding of findings) acknowledge(scope, `AwsSolutions-IAM5[${finding}]`, reason);
      }
      return [];
    },
  });
}

/**
 * Acknowledges AwsSolutions-IAM5 for wildcard resources given as token strings (such as
 * `${fn.functionArn}:*`) of a policy that is not the result of a `grant*` call; the finding
 * ids are computed during validation like in acknowledgeGrantWildcards.
 */
export function acknowledgeWildcardResources(
  scope: IConstruct,
  resources: readonly string[],
  reason: string,
): void {
  scope.node.addValidation({
    validate: () => {
      for (const resource of resources) {
        const rendered = flattenCfnReference(Stack.of(scope).resolve(resource));
        acknowledge(scope, `AwsSolutions-IAM5[Resource::${rendered}]`, reason);
      }
      return [];
    },
  });
}

interface PolicyDocumentJson {
  readonly Statement?: readonly { Effect?: string; Action?: unknown; Resource?: unknown }[];
}

const asList = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

/**
 * The AwsSolutions-IAM4 and -IAM5 finding ids cdk-nag reports on the roles and policies below
 * `scope`, rendered exactly as cdk-nag renders them (same resolution, same flattening), so
 * they carry whatever partition, account and region the stack's env gives them.
 */
export function renderedIamFindings(scope: IConstruct): string[] {
  const findings = new Set<string>();
  for (const node of scope.node.findAll()) {
    const stack = Stack.of(node);
    if (node instanceof CfnRole) {
      for (const arn of asList(stack.resolve(node.managedPolicyArns))) {
        const policy = flattenCfnReference(stack.resolve(arn));
        if (policy.includes(':iam::aws:')) findings.add(`AwsSolutions-IAM4[Policy::${policy}]`);
      }
    }
    if (node instanceof CfnPolicy) {
      const document = stack.resolve(node.policyDocument) as PolicyDocumentJson;
      for (const statement of document.Statement ?? []) {
        if (statement.Effect !== 'Allow') continue;
        for (const action of asList(statement.Action))
          if (typeof action === 'string' && action.includes('*'))
            findings.add(`AwsSolutions-IAM5[Action::${action}]`);
        for (const resource of asList(statement.Resource)) {
          const flat = flattenCfnReference(resource);
          if (flat.includes('*')) findings.add(`AwsSolutions-IAM5[Resource::${flat}]`);
        }
      }
    }
  }
  return [...findings];
}

/**
 * A finding id with the stack's concrete partition, account and region (when the stack has an
 * env) written back as the pseudo parameters cdk-nag shows for an env-agnostic stack, so one
 * acknowledgment text matches `cdk synth` with or without CDK_DEFAULT_ACCOUNT/REGION.
 */
export function envAgnosticFinding(finding: string, stack: Stack): string {
  let out = finding;
  const concrete: [string, string][] = [
    [stack.region, '<AWS::Region>'],
    [stack.account, '<AWS::AccountId>'],
  ];
  for (const [value, placeholder] of concrete)
    if (!Token.isUnresolved(value) && value !== '') out = out.split(value).join(placeholder);
  if (!Token.isUnresolved(stack.partition))
    out = out.split(`arn:${stack.partition}:`).join('arn:<AWS::Partition>:');
  return out;
}

/**
 * Acknowledges IAM4/IAM5 findings of roles and policies below `scope` that construct libraries
 * create (CDK's own custom resources, AWS managed service roles). `findings` are written as
 * for an env-agnostic stack (`arn:<AWS::Partition>:...<AWS::Region>`); during validation the
 * findings the synthesized policies really produce are computed, and each one whose
 * env-agnostic form is listed is acknowledged under its rendered id. Anything not listed still
 * fails the synth.
 */
export function acknowledgeRenderedIamFindings(
  scope: IConstruct,
  findings: readonly string[],
  reason: string,
): void {
  const wanted = new Set(findings);
  scope.node.addValidation({
    validate: () => {
      const stack = Stack.of(scope);
      for (const rendered of renderedIamFindings(scope)) {
        if (wanted.has(rendered) || wanted.has(envAgnosticFinding(rendered, stack)))
          acknowledge(scope, rendered, reason);
      }
      return [];
    },
  });
}
