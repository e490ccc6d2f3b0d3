import { dataService } from '../platform/db/data-service';
import { User } from './entities/user';
import { UniqueClaim } from './entities/unique-claim';
import { ApiKey, ApiKeyCount, ApiKeySecret } from './entities/api-key';
import { UsageCounter } from '../usage/entities/usage-counter';
import { Preferences } from './entities/preferences';
import { LimitChange } from './entities/limit-change';
import { PlanSubscription } from './entities/plan-subscription';
import { LedgerEntry } from '../billing/entities/ledger-entry';

/** The entities the accounts code reads and writes, and those its transactions span (see dataService). */
export const entities = {
  user: User,
  uniqueClaim: UniqueClaim,
  apiKey: ApiKey,
  apiKeySecret: ApiKeySecret,
  apiKeyCount: ApiKeyCount,
  usageCounter: UsageCounter,
  preferences: Preferences,
  limitChange: LimitChange,
  planSubscription: PlanSubscription,
  ledgerEntry: LedgerEntry,
};

export const db = /* @__PURE__ */ dataService(entities);
