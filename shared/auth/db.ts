import { dataService } from '../platform/db/data-service';
import { User } from '../accounts/entities/user';
import { UniqueClaim } from '../accounts/entities/unique-claim';
import { EmailCode } from './entities/email-code';
import { AbuseCounter } from './entities/abuse-counter';
import { RevokedToken } from './entities/revoked-token';
import { ApiKeySecret } from '../accounts/entities/api-key';
import { Session, TokenSession } from './entities/session';

/** The entities the auth code reads and writes, and those its transactions span (see dataService). */
export const entities = {
  user: User,
  uniqueClaim: UniqueClaim,
  emailCode: EmailCode,
  abuseCounter: AbuseCounter,
  revokedToken: RevokedToken,
  apiKeySecret: ApiKeySecret,
  session: Session,
  tokenSession: TokenSession,
};

export const db = /* @__PURE__ */ dataService(entities);
