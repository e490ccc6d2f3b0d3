/**
 * Numbers and SMS benchmarks (issue 4): DynamoDB calls and consumed capacity of a number
 * purchase, an SMS sent (request + queue worker; first SMS to a recipient, which creates the
 * conversation, and a follow-up), an inbound SMS (new sender and known sender), a renewal and
 * an idle renewal-job run.
 *
 * Used by the bench runner (`runNumberBenchmarks`), or on its own:
 *   npx tsx bench/suites/numbers.ts            (spawns a local runtime on free ports)
 * It prints the figures and merges them into bench/results.json under "numbers".
 *
 * Capacity comes from DynamoDB Local's ReturnConsumedCapacity=TOTAL on every call (the
 * `instrument` middleware of ./conversations.ts): the service functions the handlers run, minus
 * HTTP. The Idempotency-Key layer of POST /v1/numbers and POST /v1/sms adds one conditional put
 * and one update (2 WCU) per request that carries a key. Transactional writes cost double.
 */
import { randomUUID } from 'node:crypto';
import { type Cost, main, runStandalone, seedUser as seedBenchUser, sharedMeter } from '../harness/index';

export interface NumberBenchResult {
  readonly purchase: Cost;
  readonly smsSentNewRecipient: Cost;
  readonly smsSentSameRecipient: Cost;
  readonly inboundNewSender: Cost;
  readonly inboundKnownSender: Cost;
  readonly renewal: Cost & { readonly processed: number };
  readonly renewalIdleRun: Cost & { readonly processed: number };
  readonly notes: string[];
}

/** A user with a balance, straight into the table (no Cognito needed here). */
async function seedUser(): Promise<string> {
  return (await seedBenchUser('bench', { balanceCents: 100_000 })).userId;
}

async function freshNumber(): Promise<string> {
  const { freshNumbers } = await import('../../shared/numbers/catalog');
  const { stockNumbers } = await import('../../shared/numbers/inventory');
  const [number] = freshNumbers('US', 'local', 1)!;
  await stockNumbers([number!], 'available');
  return number!.phoneNumber;
}

const recipient = () => `+1415${String(2_000_000 + Math.floor(Math.random() * 7_999_999))}`;

export async function runNumberBenchmarks(): Promise<NumberBenchResult> {
  const { purchaseNumber } = await import('../../shared/numbers/service');
  const { runRenewals } = await import('../../shared/numbers/renewals');
  const { sendSms } = await import('../../shared/sms/send');
  const { drainLocalQueues } = await import('../../local/adapters/index');
  const { receiveSms } = await import('../../shared/sms/inbound');
  const meter = await sharedMeter();

  const userId = await seedUser();
  const phoneNumber = await freshNumber();
  const purchase = await meter.measure(() => purchaseNumber({ userId, phoneNumber }));

  const to = recipient();
  const smsSentNewRecipient = await meter.measure(async () => {
    await sendSms({ userId, from: phoneNumber, to, body: 'Hello from the benchmark' });
    await drainLocalQueues();
  });
  const smsSentSameRecipient = await meter.measure(async () => {
    await sendSms({ userId, from: phoneNumber, to, body: 'And again' });
    await drainLocalQueues();
  });

  const inbound = (from: string) => ({
    originationNumber: from,
    destinationNumber: phoneNumber,
    messageBody: 'Reply from the benchmark',
    inboundMessageId: randomUUID(),
  });
  const sender = recipient();
  const at = new Date().toISOString();
  const inboundNewSender = await meter.measure(() => receiveSms(inbound(sender), at));
  const inboundKnownSender = await meter.measure(() => receiveSms(inbound(sender), at));

  // A renewal: the job run for this user only, at its renewsAt (one due number, renewed).
  const { getOwnedNumber } = await import('../../shared/numbers/service');
  const owned = await getOwnedNumber(userId, phoneNumber);
  const renewAt = new Date(Date.parse(owned.renewsAt) + 60_000);
  let processed = 0;
  const renewalCost = await meter.measure(async () => {
    processed = (await runRenewals(renewAt, { userIds: [userId] })).processed;
  });
  let idleProcessed = 0;
  const idleCost = await meter.measure(async () => {
    idleProcessed = (await runRenewals(new Date(), { userIds: [userId] })).processed;
  });

  return {
    purchase,
    smsSentNewRecipient,
    smsSentSameRecipient,
    inboundNewSender,
    inboundKnownSender,
    renewal: { ...renewalCost, processed },
    renewalIdleRun: { ...idleCost, processed: idleProcessed },
    notes: [
      'Service functions measured directly (no HTTP): add 2 WCU for an Idempotency-Key on POST /v1/numbers and POST /v1/sms.',
      'smsSent includes the queue worker (outbound marker, carrier, status update) and the message.created / message.status pushes (no sockets open).',
      'The renewal-job run queries every byDue shard and the quarantine index: its idle cost is those empty queries, independent of how many numbers exist.',
    ],
  };
}

if (require.main === module) {
  main(() => runStandalone('numbers', runNumberBenchmarks));
}
