import * as z from 'zod';
import { DELETION_STEPS } from '../../shared/accounts/entities/account-deletion';
import { armFault } from '../../shared/platform/observability/faults';
import { localOutboxRunning, startLocalOutbox, stopLocalOutbox } from '../outbox/index';
import { defineDevEndpoint } from './registry';

/**
 * POST /dev/outbox/{action} (stop | start): stops the local stream consumer, as if its process
 * died after a commit, and starts it again from its stored checkpoint (fault-injection tests).
 */
export const outboxControlEndpoint = defineDevEndpoint({
  method: 'POST',
  path: '/dev/outbox/{action}',
  summary: 'Stop or start the local outbox stream consumer ({action}: stop | start).',
  async handle({ params }) {
    if (params.action === 'stop') await stopLocalOutbox();
    else if (params.action === 'start') startLocalOutbox();
    else return { status: 404, body: { code: 'not_found', detail: 'Use stop or start.' } };
    return { status: 200, body: { running: localOutboxRunning() } };
  },
});

/** POST /dev/faults { name, count, match }: the named step fails its next `count` runs on data containing `match`. */
export const faultsEndpoint = defineDevEndpoint({
  method: 'POST',
  path: '/dev/faults',
  summary:
    'Arm a fault: the named step fails its next `count` runs (search-index; account-deletion:<step> fails after the step did its work, before it is marked done).',
  body: z
    .object({
      name: z.enum(['search-index', ...DELETION_STEPS.map((step) => `account-deletion:${step}` as const)]),
      count: z.number().int().min(0).max(100),
      match: z.string().min(1).max(200),
    })
    .strict(),
  async handle({ body }) {
    armFault(body.name, body.count, body.match);
    return { status: 200, body };
  },
});
