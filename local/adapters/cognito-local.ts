import type { CognitoDialect } from '../../shared/auth/cognito';

/** cognito-local's answers, translated to Cognito's (see CognitoDialect). */
export const cognitoLocalDialect: CognitoDialect = {
  asCognitoError(error) {
    if (error.name !== 'InvalidPasswordException') return error;
    const translated = new Error('Incorrect username or password.');
    translated.name = 'NotAuthorizedException';
    return translated;
  },
  isUnsupported: (error) => /Unsupported/i.test(`${error.name} ${error.message}`),
};
