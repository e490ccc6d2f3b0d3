import type { AuthorizeResult, Credentials } from '../../shared/auth/authorizer';

/** The authentication decision the gateway delegates to (shared/auth/authorizer.ts at run time, a fake in tests). */
export type Authorize = (credentials: Credentials) => Promise<AuthorizeResult>;
