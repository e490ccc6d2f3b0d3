import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';

export interface IdentityProps {
  /**
   * Cognito threat protection (compromised credentials, adaptive authentication). It needs the
   * Plus feature plan, which is billed per monthly active user, so it is opt-in.
   * @default false
   */
  readonly threatProtection?: boolean;
  /**
   * Access and id token lifetime (API.md: access tokens expire, default 1 h).
   * @default Duration.hours(1)
   */
  readonly accessTokenValidity?: Duration;
  /**
   * @default Duration.days(30)
   */
  readonly refreshTokenValidity?: Duration;
  /**
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The Cognito user pool and the one app client the auth handlers use. Users sign in with their
 * email (case-insensitive); the platform itself sends verification and reset codes (SES), so
 * Cognito's own verification messages are off and handlers confirm users with admin calls.
 */
export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;

  constructor(scope: Construct, id: string, props: IdentityProps = {}) {
    super(scope, id);
    const threatProtection = props.threatProtection ?? false;

    this.userPool = new UserPool(this, 'UserPool', {
      // Registration goes through the platform only (AdminCreateUser): a direct SignUp with the
      // public client id could otherwise claim any email before its owner registers.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: false },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 10,
        requireUppercase: true,
        requireLowercase: true,
        requireDigits: true,
        requireSymbols: false,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      mfa: Mfa.OFF,
      featurePlan: threatProtection ? FeaturePlan.PLUS : FeaturePlan.ESSENTIALS,
      ...(threatProtection
        ? { standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION }
        : {}),
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });

    this.userPoolClient = this.userPool.addClient('ApiClient', {
      // Admin-only password flow (the login handler signs with IAM): nobody gets tokens from
      // Cognito directly with a password. Refresh-token auth is always allowed by Cognito.
      authFlows: { adminUserPassword: true },
      generateSecret: false,
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: props.accessTokenValidity ?? Duration.hours(1),
      idTokenValidity: props.accessTokenValidity ?? Duration.hours(1),
      refreshTokenValidity: props.refreshTokenValidity ?? Duration.days(30),
    });

    acknowledge(
      this.userPool,
      'AwsSolutions-COG1',
      'The API contract (API.md) fixes the password policy: at least 10 characters with upper, lower and digit; symbols are not required.',
    );
    acknowledge(
      this.userPool,
      'AwsSolutions-COG2',
      'MFA is not part of the v1 API contract (login returns tokens for email + password); it can be added as optional TOTP later.',
    );
    if (!threatProtection) {
      acknowledge(
        this.userPool,
        'AwsSolutions-COG3',
        'Threat protection needs the Cognito Plus plan (billed per MAU); opt in with the threatProtection prop / context.',
      );
      acknowledge(
        this.userPool,
        'AwsSolutions-COG8',
        'The Plus feature plan is opt-in (threatProtection prop) because of its per-MAU cost.',
      );
    }
  }
}
