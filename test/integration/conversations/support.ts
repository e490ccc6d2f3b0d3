import { api } from '../helpers/api';
import type { TestUser } from '../helpers/session';

/** Helpers shared by the conversations and realtime integration tests (all through the local gateway). */

export interface ParticipantView {
  readonly userId?: string;
  readonly username?: string;
  readonly phoneNumber?: string;
}

export interface ConversationView {
  readonly id: string;
  readonly title: string | null;
  readonly type: 'chat' | 'sms';
  readonly fromNumber?: string;
  readonly participants: ParticipantView[];
  readonly lastMessage?: { id: string; body: string; sender: ParticipantView; createdAt: string };
  readonly lastMessageAt: string;
  readonly unreadCount: number;
  readonly archived: boolean;
  readonly createdAt: string;
}

export interface MessageView {
  readonly id: string;
  readonly conversationId: string;
  readonly sender: ParticipantView;
  readonly body: string;
  readonly mentions: Array<{ userId: string; username: string }>;
  readonly attachments: Array<{
    id: string;
    fileName: string;
    contentType: string;
    size: number;
    downloadUrl: string;
  }>;
  readonly status: string;
  readonly createdAt: string;
  readonly clientMessageId?: string;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

export const auth = (user: TestUser) => ({ token: user.accessToken });

/** A chat created by `owner` with `others`; fails the test on anything but 201. */
export async function chat(
  owner: TestUser,
  others: readonly TestUser[],
  title?: string,
): Promise<ConversationView> {
  const response = await api.post<ConversationView>(
    '/v1/conversations',
    { participants: others.map((u) => ({ username: u.username })), ...(title ? { title } : {}) },
    auth(owner),
  );
  if (response.status !== 201)
    throw new Error(`create conversation answered ${response.status}: ${response.text}`);
  return response.json;
}

/** Sends a message; fails the test on anything but 201. */
export async function send(
  user: TestUser,
  conversationId: string,
  body: string,
  extra: Record<string, unknown> = {},
): Promise<MessageView> {
  const response = await api.post<MessageView>(
    `/v1/conversations/${conversationId}/messages`,
    { body, ...extra },
    auth(user),
  );
  if (response.status !== 201) throw new Error(`send answered ${response.status}: ${response.text}`);
  return response.json;
}

export async function conversation(user: TestUser, conversationId: string): Promise<ConversationView> {
  const response = await api.get<ConversationView>(`/v1/conversations/${conversationId}`, auth(user));
  if (response.status !== 200)
    throw new Error(`get conversation answered ${response.status}: ${response.text}`);
  return response.json;
}

export async function history(user: TestUser, conversationId: string, limit = 100): Promise<MessageView[]> {
  const response = await api.get<Page<MessageView>>(
    `/v1/conversations/${conversationId}/messages?limit=${limit}`,
    auth(user),
  );
  if (response.status !== 200) throw new Error(`history answered ${response.status}: ${response.text}`);
  return response.json.items;
}

/** Polls `probe` until it returns a defined value (or throws after `timeoutMs`). */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
