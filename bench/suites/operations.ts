/**
 * Capacity per operation (issue 9): DynamoDB calls, consumed read/write request units and
 * latency (p50/p95) of one invocation of each user-facing operation, measured on the Lambda
 * handler CDK deploys, invoked in this process the way API Gateway / SNS / EventBridge invoke it
 * (./lambda.ts), against DynamoDB Local and cognito-local. The authorizer runs once more per
 * REST request in AWS (results cache off): its own rows give that cost.
 *
 * Each operation carries its theoretical minimum — the DynamoDB work its contract cannot do
 * without on this single-table design — and why any gap over 2× exists (RESULTS.md).
 */
import { randomUUID } from 'node:crypto';
import {
  main,
  type Meter,
  round,
  runStandalone,
  type Sampled,
  sample,
  seedUser,
  sharedMeter,
} from '../harness/index';
import { seedMessages } from './conversations';
import {
  callAuthorizer,
  callInboundSms,
  callJob,
  expectRoute,
  jwtCaller,
  lambdaInvoker,
} from '../harness/lambda';
import { POOL_COUNTRY, seedPool } from './verifications';

export interface Minimum {
  readonly ddbCalls: number;
  readonly rcu: number;
  readonly wcu: number;
  /** What the minimum consists of. */
  readonly why: string;
}

export interface OperationFigure {
  readonly name: string;
  readonly ddbCalls: number;
  readonly rcu: number;
  readonly wcu: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly samples: number;
  readonly byOperation: Record<string, number>;
  readonly minimum: Minimum;
  /** Measured units / minimum units (rcu + wcu). */
  readonly overMinimum: number;
  /** Why the measured cost is over 2× the minimum, when it is. */
  readonly gap?: string;
}

const TEN_WORDS = 'Are we still on for lunch at noon tomorrow, Bob?';
const BALANCE = 10_000_000;

/**
 * Theoretical minimum of each operation on this single-table design: the reads and writes its
 * contract cannot do without (uniqueness, atomic charge + ledger, Idempotency-Key on charging
 * POSTs, the recent-activity entry the dashboard shows, a search index per reader), each item
 * under 1 KB, eventually consistent reads where staleness is harmless and strongly consistent
 * ones where the contract needs them (revocation, uniqueness). `gap` says why a measured cost
 * over 2× the minimum (in units or calls) is what it is. RESULTS.md prints both.
 */
export const MINIMUMS: Readonly<Record<string, Minimum & { readonly gap?: string }>> = {
  register: {
    ddbCalls: 2,
    rcu: 0,
    wcu: 7,
    why: 'one transaction writing user + email claim + username claim (3 × 2 WCU), the emailed-code item (1 WCU)',
    gap: 'two strongly consistent claim reads (2 RCU, 2 calls) before Cognito sign-up, so a taken email or username never creates a Cognito user: kept on purpose',
  },
  login: {
    ddbCalls: 3,
    rcu: 2,
    wcu: 2,
    why: 'claim → user (2 strongly consistent reads), the session record the denylist needs and the recent-activity entry (1 WCU each, one BatchWriteItem)',
  },
  'send message (10 words)': {
    ddbCalls: 3,
    rcu: 1,
    wcu: 26,
    why: 'conversation read (1 RCU, consistent), one transaction: message + 2 list rows (3 × 2 WCU), search index: 10 word heads × 2 readers (20 WCU)',
    gap: 'the list rows are in the by-user GSI (1 WCU each) and the effects claim marker is written and closed (2 WCU); plus one connections Query per participant for the push (0.5 RCU each)',
  },
  'list conversations': {
    ddbCalls: 1,
    rcu: 2,
    wcu: 0,
    why: 'one Query of limit+1 = 21 list rows (≈ 8 KB, 2 RCU): the preview, unread count and participants are already on the row',
  },
  'history page': {
    ddbCalls: 2,
    rcu: 3.5,
    wcu: 0,
    why: 'membership check (0.5 RCU) + one Query of limit+1 = 51 messages (≈ 12 KB, 3 RCU)',
  },
  search: {
    ddbCalls: 1,
    rcu: 1.5,
    wcu: 0,
    why: 'one Query of 21 index entries carrying what a hit shows (≈ 6 KB, 1.5 RCU)',
    gap: 'index entries are references (message id + conversation): the 20 hits are then read with one BatchGetItem, and DynamoDB rounds every item of a batch read up to 4 KB (20 × 0.5 RCU). Copying message bodies into each of the ~10 word-head entries per reader would make search ~1.5 RCU but multiply send-message writes by the body size: writes cost 5× reads, so references win unless searches outnumber sends by far',
  },
  'purchase number': {
    ddbCalls: 5,
    rcu: 2,
    wcu: 15,
    why: 'Idempotency-Key lock + result (2 WCU), inventory + user reads (2 RCU consistent), one transaction: number sold, subscription, number count, balance, ledger (5 × 2 WCU) + 3 GSI entries',
  },
  'send SMS': {
    ddbCalls: 7,
    rcu: 1.5,
    wcu: 20,
    why: 'Idempotency-Key (2 WCU), ownership + conversation reads (1 RCU), monthly quota ADD (1 WCU), one transaction: message + conversation + list row (3 × 2 WCU + GSI), search index of 7 words (7 WCU), status update by the worker (1 WCU)',
    gap: 'the prefix search index (22 items for 7 words); month and day quota rows plus per-number usage (3 ADDs); 4 strongly consistent reads of the user partition (limits, ownership, thread, preferences) that one read could serve; an outbound dedupe marker for exactly-once carrier hand-off; message.created / message.status pushes (connections Query each)',
  },
  'send SMS (with its delivery receipt)': {
    ddbCalls: 9,
    rcu: 1.5,
    wcu: 22,
    why: "send SMS's minimum, plus one conditional status update per receipt event (TEXT_SUCCESSFUL finds the worker's `sent` and changes nothing; TEXT_DELIVERED moves it forward with the carrier price), 1 WCU each",
    gap: "send SMS's gaps (above), plus a consistent read of the message before each receipt's conditional write, the status change as a transaction (the same write refunds a `failed` message at most once: 2 WRU), and the message.status push's connections Query",
  },
  'inbound STOP (opt-out + confirmation reply)': {
    ddbCalls: 9,
    rcu: 1,
    wcu: 35,
    why: "dedupe marker (1 WCU), number route read (1 RCU), the STOP stored: message + conversation + list row (3 × 2 WCU), the opt-out item (1 WCU), the reply stored the same way (3 × 2 WCU) with a search index of its 18 words (18 WCU), the worker's status update and the two receipt updates (3 WCU)",
    gap: "the reply is a full outbound SMS (its quota rows, outbound dedupe marker, prefix search index of ~50 items, status pushes, the receipts' read-then-transaction; see send SMS), on top of the inbound side's usage counters and owner-partition reads (see inbound SMS); the opt-out is read before it is written so a repeated STOP gets no second reply",
  },
  'inbound SMS': {
    ddbCalls: 5,
    rcu: 1,
    wcu: 15,
    why: 'dedupe marker (1 WCU), number route + thread reads (1 RCU), one transaction: message + conversation + list row (3 × 2 WCU + GSI), search index of 5 words (5 WCU), usage ADD (1 WCU)',
    gap: 'the prefix search index (16 items for 5 words); three usage counters (month, day, number); three reads of the owner partition (owner, preferences, thread) that one Query could serve',
  },
  'create verification': {
    ddbCalls: 5,
    rcu: 1,
    wcu: 15,
    why: 'Idempotency-Key (2 WCU), pool Query (0.5 RCU) + held-leases Query (0.5 RCU), quota ADD (1 WCU), one transaction: lease, verification (+2 GSI), balance, ledger (4 × 2 WCU + 2)',
    gap: 'calls, not units: the month and day quota rows and the month and day spend counters are four separate UpdateItems, the recent-activity entry a fifth write, and the plan limits a GetItem of the user; each is 1 unit, so the capacity stays within 1.5× of the minimum',
  },
  'inbound code': {
    ddbCalls: 3,
    rcu: 1,
    wcu: 4,
    why: 'dedupe marker (1 WCU), lease read (consistent, 1 RCU), conditional append to the verification (1 WCU + 2 GSI entries)',
  },
  'expire one verification': {
    ddbCalls: 5,
    rcu: 2,
    wcu: 9,
    why: '4 shard Queries of the sparse expiry index (0.5 RCU each), one transaction: status, lease delete, balance, ledger (4 × 2 WCU) + the GSI entry removed',
  },
  'authorizer (JWT)': {
    ddbCalls: 1,
    rcu: 1,
    wcu: 0,
    why: 'one strongly consistent BatchGetItem: user + denylist entry of the token (2 × 0.5 RCU)',
  },
  'authorizer (API key)': {
    ddbCalls: 2,
    rcu: 2,
    wcu: 0,
    why: 'key hash → user: 2 strongly consistent GetItems (revocation and suspension apply at once)',
  },
};

function figure(name: string, s: Sampled): OperationFigure {
  const minimum = MINIMUMS[name] ?? { ddbCalls: 0, rcu: 0, wcu: 0, why: 'not stated' };
  const units = s.cost.readUnits + s.cost.writeUnits;
  const minUnits = minimum.rcu + minimum.wcu;
  const overMinimum = minUnits > 0 ? round(units / minUnits) : 0;
  const gap = MINIMUMS[name]?.gap;
  return {
    name,
    ddbCalls: s.cost.calls,
    rcu: s.cost.readUnits,
    wcu: s.cost.writeUnits,
    p50Ms: s.p50Ms,
    p95Ms: s.p95Ms,
    samples: s.samples,
    byOperation: s.cost.byOperation,
    minimum: { ddbCalls: minimum.ddbCalls, rcu: minimum.rcu, wcu: minimum.wcu, why: minimum.why },
    overMinimum,
    ...(overMinimum > 2 || s.cost.calls > 2 * minimum.ddbCalls
      ? { gap: gap ?? 'see the byOperation breakdown' }
      : {}),
  };
}

/** Fresh marketplace numbers in stock (US local). */
async function stockFresh(count: number): Promise<string[]> {
  const { freshNumbers } = await import('../../shared/numbers/catalog');
  const { stockNumbers } = await import('../../shared/numbers/inventory');
  const numbers = freshNumbers('US', 'local', count)!;
  await stockNumbers(numbers, 'available');
  return numbers.map((n) => n.phoneNumber);
}

const randomRecipient = () => `+1415${String(2_000_000 + Math.floor(Math.random() * 7_999_999))}`;
const password = () => `Pw-${randomUUID().slice(0, 8)}-Aa1`;

/** A verified, signed-in user through the HTTP API of the runtime (Cognito tokens are real). */
async function signedIn(prefix: string) {
  const { signedInUser } = await import('../../test/integration/helpers/session');
  return signedInUser(prefix);
}

export interface OperationsResult {
  readonly operations: OperationFigure[];
  /** Extra rows that explain the main ones (first contact, per-item job cost...). */
  readonly related: OperationFigure[];
  readonly notes: string[];
}

export async function runOperationBenchmarks(
  meter: Meter,
  options: { samples?: number } = {},
): Promise<OperationsResult> {
  const times = options.samples ?? 20;
  const conversations = await import('../../shared/conversations/service/conversations');
  const { conversationOf } = await import('../../shared/conversations/service/participation');
  const verifications = await import('../../shared/verifications/service');
  const { createApiKey } = await import('../../shared/accounts/api-keys');
  const { db } = await import('../../shared/platform/db/service');
  const { drainLocalQueues } = await import('../../local/adapters/index');
  const ops: OperationFigure[] = [];
  const related: OperationFigure[] = [];
  const measure = async <T>(
    name: string,
    prepare: (round: number) => Promise<T>,
    work: (input: T) => Promise<unknown>,
    into: OperationFigure[] = ops,
    n = times,
  ) => {
    if (process.env.BENCH_TRACE === '1') process.stderr.write(`[op] ${name}\n`);
    into.push(figure(name, await sample(meter, { times: n }, prepare, work)));
  };

  // Register: a new account each time (Cognito sign-up, transaction, emailed code).
  await measure(
    'register',
    async () => {
      const unique = randomUUID().replaceAll('-', '').slice(0, 12);
      return { email: `reg-${unique}@bench.test`, username: `reg_${unique}`, password: password() };
    },
    (body) => expectRoute({ route: 'register', body }, 201),
    ops,
    Math.min(times, 12),
  );

  // Login: a verified user signs in again and again.
  const member = await signedIn('login');
  await measure(
    'login',
    async () => ({ email: member.email, password: member.password }),
    (body) => expectRoute({ route: 'login', body }, 200),
    ops,
    Math.min(times, 12),
  );

  // Conversations: two users, a conversation with some history, 30 list rows.
  const alice = await seedUser('alice');
  const bob = await seedUser('bob');
  for (let i = 0; i < 30; i++) {
    const peer = await seedUser(`peer${i}`);
    await conversations.createConversation(alice.userId, { participants: [{ username: peer.username }] });
  }
  const chat = await conversations.createConversation(alice.userId, {
    participants: [{ username: bob.username }],
  });
  const aliceAuth = await jwtCaller(alice.userId);
  await measure(
    'send message (10 words)',
    async () => ({ body: TEN_WORDS }),
    (body) => expectRoute({ route: 'sendMessage', params: { id: chat.id }, body, auth: aliceAuth }, 201),
  );
  await seedMessages((await conversationOf(alice.userId, chat.id))!, alice.userId, 150);
  await measure(
    'list conversations',
    async () => undefined,
    () => expectRoute({ route: 'listConversations', query: { limit: '20' }, auth: aliceAuth }, 200),
  );
  const firstPage = await expectRoute(
    { route: 'listMessages', params: { id: chat.id }, query: { limit: '50' }, auth: aliceAuth },
    200,
  );
  const cursor = (firstPage.json as { nextCursor: string }).nextCursor;
  await measure(
    'history page',
    async () => undefined,
    () =>
      expectRoute(
        { route: 'listMessages', params: { id: chat.id }, query: { limit: '50', cursor }, auth: aliceAuth },
        200,
      ),
  );
  await measure(
    'search',
    async () => undefined,
    () => expectRoute({ route: 'searchMessages', query: { q: 'hello', limit: '20' }, auth: aliceAuth }, 200),
  );

  // Numbers: each purchase by a new user with a balance (plan limits), of a freshly stocked number.
  const forSale = await stockFresh(times + 2);
  await measure(
    'purchase number',
    async (round) => {
      const buyer = await seedUser('buyer', { balanceCents: BALANCE });
      return { auth: await jwtCaller(buyer.userId), phoneNumber: forSale[round + 1]! };
    },
    ({ auth, phoneNumber }) =>
      expectRoute(
        { route: 'purchaseNumber', body: { phoneNumber }, auth, idempotencyKey: randomUUID() },
        201,
      ),
  );

  // SMS: a business-plan sender (monthly SMS quota) with one owned number, to a known recipient.
  const sender = await seedUser('sender', { balanceCents: BALANCE, plan: 'business' });
  const senderAuth = await jwtCaller(sender.userId, 'business');
  const [own] = await stockFresh(1);
  await expectRoute(
    { route: 'purchaseNumber', body: { phoneNumber: own }, auth: senderAuth, idempotencyKey: randomUUID() },
    201,
  );
  const recipient = randomRecipient();
  const sendSms = async (to: string) => {
    await expectRoute(
      {
        route: 'sendSms',
        body: { from: own, to, body: 'Your table for two is confirmed for 8pm.' },
        auth: senderAuth,
        idempotencyKey: randomUUID(),
      },
      202,
      201,
    );
    await drainLocalQueues();
  };
  await measure(
    'send SMS',
    async () => recipient,
    (to) => sendSms(to),
  );
  await measure(
    'send SMS (first to a recipient)',
    async () => randomRecipient(),
    (to) => sendSms(to),
    related,
    Math.min(times, 10),
  );
  // With the carrier simulator of the local runtime installed here, each accepted SMS is followed
  // by its receipt events (TEXT_SUCCESSFUL, TEXT_DELIVERED) through the `sms/receipts` handler,
  // as End User Messaging's event destination delivers them in AWS; no simulated delays.
  const { carrier } = await import('../../shared/sms/carrier');
  const { createCarrierSimulator } = await import('../../local/adapters/carrier-simulator');
  const { isOptedOut } = await import('../../shared/sms/opt-outs');
  const simulator = createCarrierSimulator(await lambdaInvoker(), { acceptedAfterMs: 0, finalAfterMs: 0 });
  const settle = async () => {
    await drainLocalQueues();
    await simulator.drain();
  };
  const previous = carrier.install(simulator);
  try {
    // A known recipient of its own: at most 30 SMS a minute go from one number to one recipient.
    const receiving = randomRecipient();
    await sendSms(receiving);
    await simulator.drain();
    await measure(
      'send SMS (with its delivery receipt)',
      async () => receiving,
      async (to) => {
        await sendSms(to);
        await simulator.drain();
      },
    );
    // STOP from a recipient who texted the number before (a known sender, opted in).
    let stopped = '';
    await measure(
      'inbound STOP (opt-out + confirmation reply)',
      async () => {
        const from = randomRecipient();
        await callInboundSms({ from, to: own!, body: 'Is the table still free tonight?' });
        await settle();
        return { from, to: own!, body: 'STOP' };
      },
      async (sms) => {
        await callInboundSms(sms);
        await settle();
        stopped = sms.from;
      },
    );
    if (!(await isOptedOut(own!, stopped))) throw new Error('inbound STOP did not opt the recipient out');
  } finally {
    carrier.install(previous);
  }
  const peer = randomRecipient();
  await measure(
    'inbound SMS',
    async () => ({ from: peer, to: own!, body: 'Sounds good, see you there' }),
    (sms) => callInboundSms(sms),
  );
  await measure(
    'inbound SMS (new sender)',
    async () => ({ from: randomRecipient(), to: own!, body: 'Who is this?' }),
    (sms) => callInboundSms(sms),
    related,
    Math.min(times, 10),
  );

  // Verifications: a pool of their own; each create's number is released again before the next,
  // and then cools down, so every create needs a number of its own.
  await seedPool(times * 3 + 10);
  const verifier = await seedUser('verifier', { balanceCents: BALANCE, plan: 'business' });
  const verifierAuth = await jwtCaller(verifier.userId, 'business');
  const created: string[] = [];
  const createVerification = async () => {
    const answer = await expectRoute(
      {
        route: 'createVerification',
        body: { service: 'telegram', country: POOL_COUNTRY },
        auth: verifierAuth,
        idempotencyKey: randomUUID(),
      },
      201,
    );
    const view = answer.json as { id: string; phoneNumber: string };
    created.push(view.id);
    return view;
  };
  const releaseAll = async () => {
    for (const id of created.splice(0)) {
      await verifications.cancelVerification(verifier.userId, id).catch(() => undefined);
    }
  };
  await measure('create verification', releaseAll, createVerification);
  await releaseAll();
  await measure(
    'inbound code',
    async () => {
      await releaseAll();
      return createVerification();
    },
    (v) =>
      callInboundSms({
        from: 'Telegram',
        to: v.phoneNumber,
        body: 'Telegram code: 40921. Do not give this code to anyone, even if they say they are from Telegram!',
      }),
  );
  await releaseAll();

  // Expiry: one due request per run, due at an instant no other pending request is due before.
  let instant = Date.UTC(1990, 0, 1);
  const makeDue = async () => {
    await releaseAll();
    const v = await createVerification();
    created.length = 0;
    instant += 60_000;
    const { data } = await db().entities.verification.get({ verificationId: v.id }).go();
    await db()
      .entities.verification.patch({ verificationId: v.id })
      .set({ expiresAt: new Date(instant).toISOString(), expiryShard: data!.expiryShard, status: 'pending' })
      .go();
    return new Date(instant + 1000);
  };
  await measure('expire one verification', makeDue, async (now) => {
    const { processed } = await callJob('expire-verifications', now);
    if (processed !== 1) throw new Error(`expiry run processed ${processed}, expected 1`);
  });
  await measure(
    'expiry run, nothing due',
    async () => new Date(Date.UTC(1980, 0, 1)),
    (now) => callJob('expire-verifications', now),
    related,
    Math.min(times, 10),
  );

  // Authorizer: a real Cognito access token, and an API key.
  const bearer = `Bearer ${member.accessToken}`;
  await measure(
    'authorizer (JWT)',
    async () => undefined,
    () => callAuthorizer({ authorization: bearer }),
  );
  const keyOwner = await seedUser('keys');
  const { key } = await createApiKey(keyOwner.userId, 'bench', ['messages:read']);
  await measure(
    'authorizer (API key)',
    async () => undefined,
    () => callAuthorizer({ apiKey: key }),
  );

  return {
    operations: ops,
    related,
    notes: [
      'Each figure is one Lambda invocation of the deployed handler module (invoked in the bench process), median capacity and p50/p95 latency over the samples, against DynamoDB Local and cognito-local on loopback.',
      'REST operations exclude the authorizer, which API Gateway invokes once more per request (results cache off): add an "authorizer" row for the full request.',
      'Charging POSTs (purchase, send SMS, create verification) are sent with an Idempotency-Key, as the API asks clients to: that layer is 1 conditional put + 1 update (2 WCU) of each.',
      'send SMS includes the queue worker (carrier hand-off and status update) run by the local queue after the response; inbound rows go through the SNS subscriber, dedupe included.',
      '"send SMS (with its delivery receipt)" adds the two receipt events End User Messaging sends for a delivered SMS (TEXT_SUCCESSFUL, TEXT_DELIVERED), each one invocation of the receipts handler (forward-only status transaction, carrier price stored, message.status push); the local carrier simulator emits them through the same handler. "inbound STOP" is the keyword SMS from a recipient who texted before: stored like any inbound SMS, the opt-out recorded, and the confirmation reply queued, sent by the worker and followed by its own two receipt events.',
      'Not in these rows: the outbox stream consumer, which reads every routed record (the message INSERT, each status change) once more after the commit; its cost per event is in the webhooks section.',
      'RCU/WCU: DynamoDB reports CapacityUnits per table and index; units of read commands are read units, of write commands write units (a transaction write counts 2 per 1 KB item, GSI updates included).',
    ],
  };
}

if (require.main === module) {
  main(() =>
    runStandalone(undefined, async () => runOperationBenchmarks(await sharedMeter(), { samples: 10 })),
  );
}
