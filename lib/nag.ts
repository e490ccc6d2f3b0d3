import { Stack, Validations } from 'aws-cdk-lib';
import type { Grant } from 'aws-cdk-lib/aws-iam';
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
