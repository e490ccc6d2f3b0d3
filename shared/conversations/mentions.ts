/**
 * `@username` mentions. A mention is recognised only where it starts a word (so the `@` of
 * an email address is not one) and only for a username of a participant: mentioning
 * somebody outside the conversation must not notify them or reveal that they exist.
 */
const MENTION = /(?<![\p{L}\p{N}_@])@([A-Za-z0-9_]{3,30})(?![A-Za-z0-9_])/gu;

export interface Mention {
  readonly userId: string;
  readonly username: string;
}

/** Usernames written as `@name` in `body`, lower-cased, in order, without duplicates. */
export function mentionedUsernames(body: string): string[] {
  const names = new Set<string>();
  for (const match of body.matchAll(MENTION)) {
    if (match[1]) names.add(match[1].toLowerCase());
  }
  return [...names];
}

/** Resolves the mentions of `body` against the conversation's users. */
export function resolveMentions(
  body: string,
  participants: ReadonlyArray<{ userId?: string; username?: string }>,
): Mention[] {
  const byName = new Map<string, string>();
  for (const p of participants) {
    if (p.userId && p.username) byName.set(p.username.toLowerCase(), p.userId);
  }
  return mentionedUsernames(body).flatMap((username) => {
    const userId = byName.get(username);
    return userId ? [{ userId, username }] : [];
  });
}
