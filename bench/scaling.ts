/**
 * Scaling (issue 9): the same operation with 1,000 and with 100,000 items stored where it reads
 * — one conversation's history, one reader's search index, one user's conversation list, one
 * user's verification history, the expiry index and the renewal index — measured on the
 * deployed handlers (./lambda.ts). O(page) means the capacity and latency ratios stay near 1
 * (goal ≤ 1.2).
 *
 * Seeding goes through the data layer's items and BatchWriteItem (./harness.ts `seedItems`);
 * the large size shrinks (in steps of 10,000) when the measured seeding rate says 100,000 would
 * not fit the time budget, and the result says which size was used.
 */
import { ulid } from 'ulid';
import { seedMessages } from './conversations';
import {
  itemOfEntity,
  main,
  type Meter,
  round,
  runStandalone,
  type Sampled,
  sample,
  seedItems,
  seedUser,
  sharedMeter,
} from './harness';
import { callJob, expectRoute, jwtCaller } from './lambda';

export interface ScalingPoint {
  readonly items: number;
  readonly ddbCalls: number;
  readonly rcu: number;
  readonly wcu: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
}

export interface ScalingRow {
  readonly name: string;
  /** What the stored items are. */
  readonly stored: string;
  readonly small: ScalingPoint;
  readonly large: ScalingPoint;
  /** Capacity units at the large size / at the small size. */
  readonly ratio: number;
  /** p50 latency at the large size / at the small size. */
  readonly latencyRatio: number;
}

export interface ScalingResult {
  readonly rows: ScalingRow[];
  readonly smallSize: number;
  readonly largeSize: number;
  readonly largeSizeWanted: number;
  readonly seeding: { readonly items: number; readonly seconds: number; readonly itemsPerSecond: number };
  readonly notes: string[];
}

const point = (items: number, s: Sampled): ScalingPoint => ({
  items,
  ddbCalls: s.cost.calls,
  rcu: s.cost.readUnits,
  wcu: s.cost.writeUnits,
  p50Ms: s.p50Ms,
  p95Ms: s.p95Ms,
});

/** Items one size step writes per stored item: message + search entry, list row, verification, owned number. */
const ITEMS_PER_STEP = 5;

interface Dimension {
  readonly name: string;
  readonly stored: string;
  /** Adds `count` stored items (`from` is how many exist). */
  seed(from: number, count: number): Promise<void>;
  measure(meter: Meter, times: number): Promise<Sampled>;
}

export async function runScalingBenchmarks(
  meter: Meter,
  options: { small?: number; large?: number; deadline?: number; samples?: number } = {},
): Promise<ScalingResult> {
  const small = options.small ?? 1000;
  const wanted = options.large ?? 100_000;
  const times = options.samples ?? 9;
  const conversations = await import('../shared/conversations/service');
  const { db } = await import('../shared/db/service');
  const { dueShardOf } = await import('../shared/numbers/service');
  const { expiryShardOf } = await import('../shared/verifications/view');

  const reader = await seedUser('reader');
  const peer = await seedUser('peer');
  const created = await conversations.createConversation(reader.userId, {
    participants: [{ username: peer.username }],
  });
  const conv = (await conversations.conversationOf(reader.userId, created.id))!;
  const auth = await jwtCaller(reader.userId);
  const renewals = await seedUser('renewals');

  const far = '2099-01-01T00:00:00.000Z';
  const now = Date.now();
  let messages = 0;
  const dimensions: Dimension[] = [
    {
      name: 'history page',
      stored: 'messages in the conversation',
      async seed(_from, count) {
        await seedMessages(conv, reader.userId, count);
        messages += count;
      },
      async measure(m, n) {
        // A page from the middle: the cursor of page 10 (50 per page).
        let cursor: string | undefined;
        for (let page = 0; page < 10; page++) {
          const answer = await expectRoute(
            {
              route: 'listMessages',
              params: { id: conv.conversationId },
              query: { limit: '50', ...(cursor ? { cursor } : {}) },
              auth,
            },
            200,
          );
          cursor = (answer.json as { nextCursor: string | null }).nextCursor ?? undefined;
        }
        const query = { limit: '50', ...(cursor ? { cursor } : {}) };
        return sample(
          m,
          { times: n },
          async () => undefined,
          () => expectRoute({ route: 'listMessages', params: { id: conv.conversationId }, query, auth }, 200),
        );
      },
    },
    {
      name: 'search',
      stored: "messages in the reader's search index (one word, every message)",
      async seed() {
        // Seeded with the history: seedMessages writes the reader's index entries too.
      },
      measure: (m, n) =>
        sample(
          m,
          { times: n },
          async () => undefined,
          () => expectRoute({ route: 'searchMessages', query: { q: 'hello', limit: '20' }, auth }, 200),
        ),
    },
    {
      name: 'conversation list',
      stored: "rows in the user's conversation list",
      async seed(from, count) {
        const participants = [
          { userId: reader.userId, username: reader.username },
          { userId: peer.userId, username: peer.username },
        ];
        await seedItems(itemOfEntity(db().entities.membership), count, (i) => {
          const at = new Date(now - (from + i) * 60_000).toISOString();
          return {
            userId: reader.userId,
            conversationId: `conv_${ulid(now - (from + i) * 60_000)}`,
            folder: 'inbox',
            type: 'chat',
            participants,
            createdAt: at,
            lastActivityAt: at,
            lastMessage: {
              id: `msg_${ulid()}`,
              body: 'see you tomorrow',
              sender: participants[1],
              createdAt: at,
            },
            unreadCount: 1,
          };
        });
      },
      measure: (m, n) =>
        sample(
          m,
          { times: n },
          async () => undefined,
          () => expectRoute({ route: 'listConversations', query: { limit: '20' }, auth }, 200),
        ),
    },
    {
      name: 'verification history',
      stored: "the user's verifications (pending, due in 2099: also in the expiry index)",
      async seed(from, count) {
        await seedItems(itemOfEntity(db().entities.verification), count, (i) => {
          const created = now - (from + i) * 60_000;
          const verificationId = `vrf_${ulid(created)}`;
          return {
            verificationId,
            userId: reader.userId,
            service: 'telegram',
            country: 'JP',
            phoneNumber: `+8190${String(10_000_000 + ((from + i) % 89_999_999)).padStart(8, '0')}`,
            status: 'pending',
            priceCents: 0,
            createdAt: new Date(created).toISOString(),
            expiresAt: far,
            expiryShard: expiryShardOf(verificationId),
            codes: [],
            codeCount: 0,
          };
        });
      },
      measure: (m, n) =>
        sample(
          m,
          { times: n },
          async () => undefined,
          () => expectRoute({ route: 'listVerifications', query: { limit: '20' }, auth }, 200),
        ),
    },
    {
      name: 'expiry job (1 due)',
      stored: 'pending verifications in the expiry index, not due',
      async seed() {
        // The verification history's items are pending with a far expiry: they are in the index.
      },
      measure: (m, n) => {
        let instant = Date.UTC(1985, 0, 1) + Math.floor(Math.random() * 1e9);
        return sample(
          m,
          { times: n },
          async () => {
            instant += 60_000;
            const verificationId = `vrf_${ulid(instant)}`;
            await db()
              .entities.verification.put({
                verificationId,
                userId: reader.userId,
                service: 'telegram',
                country: 'JP',
                phoneNumber: `+8170${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
                status: 'pending',
                priceCents: 0,
                createdAt: new Date(instant - 900_000).toISOString(),
                expiresAt: new Date(instant).toISOString(),
                expiryShard: expiryShardOf(verificationId),
                codes: [],
                codeCount: 0,
              })
              .go();
            return new Date(instant + 1000);
          },
          async (at) => {
            const { processed } = await callJob('expire-verifications', at);
            if (processed !== 1) throw new Error(`expiry run processed ${processed}, expected 1`);
          },
        );
      },
    },
    {
      name: 'renewal job (1 due)',
      stored: 'owned numbers in the renewal index, not due',
      async seed(from, count) {
        await seedItems(itemOfEntity(db().entities.ownedNumber), count, (i) => {
          const phoneNumber = `+1555${String(1_000_000 + from + i).padStart(7, '0')}`;
          return {
            userId: renewals.userId,
            phoneNumber,
            country: 'US',
            type: 'local',
            capabilities: ['sms'],
            status: 'active',
            autoRenew: true,
            monthlyPriceCents: 100,
            purchasedAt: new Date(now).toISOString(),
            renewals: 0,
            periodStart: new Date(now).toISOString(),
            renewsAt: far,
            smsSent: 0,
            smsReceived: 0,
            dueShard: dueShardOf(phoneNumber),
            nextActionAt: far,
          };
        });
      },
      measure: (m, n) =>
        sample(
          m,
          { times: n },
          async () => {
            // One number due for its renewal notice (renews in 3 days), owned by the renewals user.
            const phoneNumber = `+1556${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
            const at = Date.now();
            await db()
              .entities.ownedNumber.put({
                userId: renewals.userId,
                phoneNumber,
                country: 'US',
                type: 'local',
                capabilities: ['sms'],
                status: 'active',
                autoRenew: true,
                monthlyPriceCents: 100,
                purchasedAt: new Date(at - 27 * 86_400_000).toISOString(),
                renewals: 0,
                periodStart: new Date(at - 27 * 86_400_000).toISOString(),
                renewsAt: new Date(at + 3 * 86_400_000).toISOString(),
                smsSent: 0,
                smsReceived: 0,
                dueShard: dueShardOf(phoneNumber),
                nextActionAt: new Date(at - 60_000).toISOString(),
              })
              .go();
            return new Date(at);
          },
          async (at) => {
            const { processed } = await callJob('renew-numbers', at);
            if (processed !== 1) throw new Error(`renewal run processed ${processed}, expected 1`);
          },
        ),
    },
  ];

  const seedStarted = performance.now();
  for (const d of dimensions) await d.seed(0, small);
  const smallPoints = new Map<string, Sampled>();
  for (const d of dimensions) smallPoints.set(d.name, await d.measure(meter, times));

  // The large size: as much of `wanted` as the seeding rate lets fit before the deadline.
  const seeded = small * ITEMS_PER_STEP;
  const rate = seeded / ((performance.now() - seedStarted) / 1000);
  let large = wanted;
  if (options.deadline !== undefined) {
    const seconds = (options.deadline - Date.now()) / 1000;
    const affordable = Math.floor((seconds * rate * 0.85) / ITEMS_PER_STEP / 10_000) * 10_000 + small;
    large = Math.max(Math.min(wanted, affordable), Math.min(wanted, 10 * small));
  }
  const largeStarted = performance.now();
  for (const d of dimensions) await d.seed(small, large - small);
  const largeSeconds = (performance.now() - largeStarted) / 1000;
  const rows: ScalingRow[] = [];
  for (const d of dimensions) {
    const s = smallPoints.get(d.name)!;
    const l = await d.measure(meter, times);
    const unitsOf = (x: Sampled) => x.cost.readUnits + x.cost.writeUnits;
    rows.push({
      name: d.name,
      stored: d.stored,
      small: point(small, s),
      large: point(large, l),
      ratio: unitsOf(s) > 0 ? round(unitsOf(l) / unitsOf(s)) : 1,
      latencyRatio: s.p50Ms > 0 ? round(l.p50Ms / s.p50Ms) : 1,
    });
  }
  if (messages !== large) throw new Error(`history holds ${messages} messages, expected ${large}`);
  const largeItems = (large - small) * ITEMS_PER_STEP;
  return {
    rows,
    smallSize: small,
    largeSize: large,
    largeSizeWanted: wanted,
    seeding: {
      items: largeItems,
      seconds: round(largeSeconds, 1),
      itemsPerSecond: Math.round(largeItems / largeSeconds),
    },
    notes: [
      'Every size is measured on the deployed handler (listMessages, searchMessages, listConversations, listVerifications, the expire-verifications and renew-numbers jobs).',
      'history page = page 11 of 50 (a cursor from the middle); search = "hello", which every stored message contains; jobs = a run with exactly one due item among the stored ones.',
      "Seeded through the data layer's items (ElectroDB put params) with BatchWriteItem; the large size is reduced (in steps of 10,000) only when the measured seeding rate would not fit the time budget.",
      'Latency ratios include DynamoDB Local itself (SQLite), whose lookups slow down slightly with table size; DynamoDB does not. The capacity ratio is the deterministic one.',
    ],
  };
}

if (require.main === module) {
  const large = Number(process.env.BENCH_LARGE ?? 20_000);
  main(() => runStandalone(undefined, async () => runScalingBenchmarks(await sharedMeter(), { large })));
}
