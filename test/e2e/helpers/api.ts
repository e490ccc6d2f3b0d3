/**
 * Arrange-step helpers for the browser tests: they talk to the local runtime over plain HTTP
 * (the same public API and /dev endpoints a person or a script would use), so tests only drive
 * the browser for what they actually check.
 */

export const baseUrl = (): string => {
  const url = process.env.SMSPROJ_URL;
  if (!url) throw new Error('SMSPROJ_URL is not set: the e2e tests need the local runtime (test/setup).');
  return url.replace(/\/$/, '');
};

export interface TestUser {
  readonly email: string;
  readonly username: string;
  readonly password: string;
  readonly fullName: string;
  accessToken: string;
  refreshToken: string;
  userId: string;
}

export const PASSWORD = 'Correct-horse-9';

let counter = 0;
/** A username that is unique per run: letters, digits and underscores, at most 30 characters. */
export function uniqueName(prefix: string): string {
  counter += 1;
  const stamp = `${Date.now().toString(36)}${process.pid.toString(36)}${counter}`;
  return `${prefix}_${stamp}`.toLowerCase().slice(0, 30);
}

export async function call<T>(
  path: string,
  options: { method?: string; body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<T> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(`${baseUrl()}${path}`, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${options.method ?? 'call'} ${path} -> ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The newest 6-digit code the local mailbox holds for `email`. */
export async function verificationCode(email: string): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const box = await call<{ items: Array<{ text: string; subject: string }> }>(
      `/dev/mailbox?to=${encodeURIComponent(email)}`,
    );
    const code = box.items.map((m) => /\b(\d{6})\b/.exec(`${m.subject} ${m.text}`)?.[1]).find(Boolean);
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`No verification email for ${email}`);
}

/** Registers, verifies and logs in a user through the API. */
export async function createUser(prefix = 'user'): Promise<TestUser> {
  const username = uniqueName(prefix);
  const email = `${username}@example.com`;
  const fullName = `${prefix[0]?.toUpperCase() ?? ''}${prefix.slice(1)} Tester`;
  const { userId } = await call<{ userId: string }>('/v1/auth/register', {
    body: { email, username, password: PASSWORD, fullName },
  });
  await call('/v1/auth/verify-email', { body: { email, code: await verificationCode(email) } });
  const tokens = await call<{ accessToken: string; refreshToken: string }>('/v1/auth/login', {
    body: { email, password: PASSWORD },
  });
  return { email, username, password: PASSWORD, fullName, userId, ...tokens };
}

export async function topUp(email: string, amountCents: number): Promise<void> {
  await call('/dev/credits', { body: { email, amountCents } });
}

export interface ConversationRef {
  readonly id: string;
}

export const createConversation = (owner: TestUser, usernames: readonly string[], title?: string) =>
  call<ConversationRef>('/v1/conversations', {
    token: owner.accessToken,
    body: { participants: usernames.map((username) => ({ username })), ...(title ? { title } : {}) },
  });

export const postMessage = (user: TestUser, conversationId: string, body: string) =>
  call<{ id: string }>(`/v1/conversations/${conversationId}/messages`, {
    token: user.accessToken,
    body: { body },
  });
