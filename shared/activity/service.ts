import { ulid } from 'ulid';
import { db } from './db';
import { ttlIn } from '../platform/db/schema';
import type { ActivityItem } from './entities/activity';

const KEEP_SECONDS = 90 * 24 * 3600;

export type ActivityType = ActivityItem['type'];

export interface ActivityEvent {
  readonly type: ActivityType;
  readonly at: string;
  readonly summary: string;
  readonly ref: string | null;
}

/** Appends to the user's activity feed. Summaries must never contain secrets. */
export async function recordActivity(
  userId: string,
  type: ActivityType,
  summary: string,
  ref?: string,
  at: Date = new Date(),
): Promise<void> {
  await db()
    .entities.activity.create({
      userId,
      activityId: ulid(at.getTime()),
      type,
      summary,
      at: at.toISOString(),
      ttl: ttlIn(KEEP_SECONDS, at.getTime()),
      ...(ref ? { ref } : {}),
    })
    .go();
}

/** The newest `limit` events: one Query, newest first. */
export async function recentActivity(userId: string, limit = 20): Promise<ActivityEvent[]> {
  const { data } = await db().entities.activity.query.primary({ userId }).go({ order: 'desc', limit });
  return data.map((a) => ({ type: a.type, at: a.at, summary: a.summary, ref: a.ref ?? null }));
}
