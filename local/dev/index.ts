import { connectionsEndpoint } from './connections';
import { creditsEndpoint } from './credits';
import { listJobsEndpoint, runJobEndpoint } from './jobs';
import { mailboxEndpoint } from './mailbox';
import { runRenewalsEndpoint, stockNumbersEndpoint } from './numbers';
import { faultsEndpoint, outboxControlEndpoint } from './outbox';
import type { DevEndpoint } from './registry';
import { smsInboundEndpoint, smsOutboxEndpoint } from './sms';
import { stockVerificationPoolEndpoint } from './verification-pool';

/**
 * Every /dev endpoint the local gateway mounts. Other contexts add theirs here
 * (`/dev/credits`, `/dev/sms/outbox`, `/dev/sms/inbound`): write `local/dev/<name>.ts` exporting
 * a `defineDevEndpoint({...})` and append it to this list.
 */
export const devEndpoints: readonly DevEndpoint[] = [
  mailboxEndpoint,
  listJobsEndpoint,
  runJobEndpoint,
  connectionsEndpoint,
  creditsEndpoint,
  smsOutboxEndpoint,
  smsInboundEndpoint,
  stockNumbersEndpoint,
  runRenewalsEndpoint,
  stockVerificationPoolEndpoint,
  outboxControlEndpoint,
  faultsEndpoint,
];
