import { InvalidInput } from '../platform/errors';
import { db } from './db';
import { getOwnedNumber } from '../numbers/service';
import { logger } from '../platform/observability/logger';

/**
 * CTIA opt-out keywords (case-insensitive, the whole body trimmed). Opting out is per (platform
 * number, recipient): the platform keeps the state, answers 403 before anything is queued or
 * charged. In AWS numbers are requested with self-managed opt-outs (`SelfManagedOptOutsEnabled`),
 * so End User Messaging neither answers the keywords nor keeps a list of its own: the platform's
 * state is the only one. (An EUM opt-out list is list-wide, not per number and recipient:
 * mirroring one user's STOP into a shared list would block that recipient for every number.)
 */
export const OPT_OUT_KEYWORDS = [
  'STOP',
  'STOPALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
  'OPTOUT',
  'REVOKE',
] as const;
export const OPT_IN_KEYWORDS = ['START', 'UNSTOP', 'YES'] as const;
export const HELP_KEYWORDS = ['HELP', 'INFO'] as const;

export type KeywordKind = 'opt-out' | 'opt-in' | 'help';

export interface Keyword {
  readonly keyword: string;
  readonly kind: KeywordKind;
}

const KINDS = new Map<string, KeywordKind>([
  ...OPT_OUT_KEYWORDS.map((k) => [k, 'opt-out'] as const),
  ...OPT_IN_KEYWORDS.map((k) => [k, 'opt-in'] as const),
  ...HELP_KEYWORDS.map((k) => [k, 'help'] as const),
]);

/** The keyword a body is, or undefined ("stop it please" is not a keyword; " Stop " is). */
export function keywordOf(body: string): Keyword | undefined {
  const keyword = body.trim().toUpperCase();
  const kind = KINDS.get(keyword);
  return kind ? { keyword, kind } : undefined;
}

/** The reply the platform sends for each kind of keyword. */
export function keywordReply(kind: KeywordKind, number: string): string {
  switch (kind) {
    case 'opt-out':
      return `You have been unsubscribed from ${number} and will receive no further messages. Reply START to resubscribe.`;
    case 'opt-in':
      return `You have been resubscribed to ${number}. Reply STOP to unsubscribe, HELP for help.`;
    default:
      return `Messages from ${number} via SMSPROJ. Reply STOP to unsubscribe, START to resubscribe. Msg&data rates may apply.`;
  }
}

export async function isOptedOut(phoneNumber: string, recipient: string): Promise<boolean> {
  const { data } = await db().entities.smsOptOut.get({ phoneNumber, recipient }).go({ consistent: true });
  return data !== null;
}

/**
 * Applies an opt-out or opt-in keyword. Returns true when the state changed (a repeated STOP
 * changes nothing and gets no second confirmation).
 */
export async function applyKeyword(input: {
  userId: string;
  phoneNumber: string;
  recipient: string;
  keyword: Keyword;
  at: string;
}): Promise<boolean> {
  const { phoneNumber, recipient } = input;
  const optOuts = db().entities.smsOptOut;
  if (input.keyword.kind === 'opt-out') {
    const existing = await optOuts.get({ phoneNumber, recipient }).go({ consistent: true });
    if (existing.data) return false;
    await optOuts
      .put({
        phoneNumber,
        recipient,
        userId: input.userId,
        keyword: input.keyword.keyword,
        optedOutAt: input.at,
      })
      .go({ response: 'none' });
    return true;
  }
  if (input.keyword.kind === 'opt-in') {
    const { data } = await optOuts.delete({ phoneNumber, recipient }).go({ response: 'all_old' });
    return data !== null;
  }
  return true;
}

export interface OptOutView {
  readonly phoneNumber: string;
  readonly keyword: string;
  readonly optedOutAt: string;
}

/** GET /v1/numbers/{phoneNumber}/opt-outs: the recipients who opted out of the caller's number. */
export async function listOptOuts(
  userId: string,
  phoneNumber: string,
  options: { limit: number; cursor?: string },
): Promise<{ items: OptOutView[]; nextCursor: string | null }> {
  // Another user's number (or none) is a 404.
  await getOwnedNumber(userId, phoneNumber);
  let page: Awaited<
    ReturnType<ReturnType<ReturnType<typeof db>['entities']['smsOptOut']['query']['primary']>['go']>
  >;
  try {
    page = await db()
      .entities.smsOptOut.query.primary({ phoneNumber })
      .go({ limit: options.limit, ...(options.cursor ? { cursor: options.cursor } : {}) });
  } catch (error) {
    logger.info('Invalid opt-out cursor', { error: error as Error });
    throw new InvalidInput('bad_request', 'Bad request', { detail: 'Invalid cursor.' });
  }
  return {
    items: page.data.map((item) => ({
      phoneNumber: item.recipient,
      keyword: item.keyword,
      optedOutAt: item.optedOutAt,
    })),
    nextCursor: page.cursor ?? null,
  };
}
