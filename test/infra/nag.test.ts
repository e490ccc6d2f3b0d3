import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildSmsProj } from '../../lib/app';
import { newApp } from './fixture';

/**
 * cdk-nag v3 is a CDK validation plugin: findings are a validation report (not annotations)
 * and any finding without an acknowledgment fails the synth.
 */
describe('synth-time validation', () => {
  it('passes cdk-nag AwsSolutions with every finding fixed or acknowledged', () => {
    const app = newApp();
    const { stateful, stateless } = buildSmsProj(app);

    expect(() => app.synth()).not.toThrow();
    // Acknowledgments of wildcard grants are recorded during synthesis: check after it.
    for (const stack of [stateful, stateless]) {
      const { violations } = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(stack);
      const errors = violations.filter((v) => v.severity === 'error');
      expect(
        errors.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath)}`),
      ).toEqual([]);
      expect(violations).toEqual([]);
    }
  });

  it('fails the synth on an unacknowledged finding', () => {
    const app = newApp();
    const { stateful } = buildSmsProj(app);
    new Bucket(stateful, 'CarelessBucket');

    expect(() => app.synth()).toThrow(/AwsSolutions-S1/);
  });
});
