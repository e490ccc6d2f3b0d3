import WebSocket from 'ws';

/**
 * A WebSocket test client for the local gateway (SMSPROJ_WS_URL): collects every server event
 * and lets a test wait for the one it expects.
 */
export interface WsClient {
  /** Every JSON frame received so far, in order. */
  readonly events: readonly unknown[];
  send(message: unknown): void;
  /** Resolves with the first event (already received or future) matching `predicate`. */
  waitFor<T = unknown>(predicate: (event: unknown) => boolean, timeoutMs?: number): Promise<T>;
  /** Resolves when the server closes the connection, with its close code and reason. */
  closed(): Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

/** The handshake was refused with an HTTP status (401 without a valid token). */
export class WsUpgradeError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`WebSocket upgrade refused with HTTP ${status}`);
    this.name = 'WsUpgradeError';
  }
}

export function wsUrl(): string {
  const url = process.env.SMSPROJ_WS_URL;
  if (!url) throw new Error("SMSPROJ_WS_URL is not set: is test/setup/env.ts in this project's setupFiles?");
  return url;
}

/** Opens a connection with `?token=`; rejects with WsUpgradeError when the gateway refuses it. */
export function connectWs(token: string | undefined, url: string = wsUrl()): Promise<WsClient> {
  const target = new URL(url);
  if (token !== undefined) target.searchParams.set('token', token);
  return new Promise((resolveClient, reject) => {
    const socket = new WebSocket(target);
    const events: unknown[] = [];
    const waiters = new Set<{ predicate: (event: unknown) => boolean; resolve: (event: unknown) => void }>();
    const closed = new Promise<{ code: number; reason: string }>((resolveClosed) => {
      socket.once('close', (code, reason) => resolveClosed({ code, reason: reason.toString('utf8') }));
    });
    socket.on('message', (data) => {
      let event: unknown;
      try {
        event = JSON.parse(data.toString());
      } catch {
        event = data.toString();
      }
      events.push(event);
      for (const waiter of waiters) {
        if (waiter.predicate(event)) {
          waiters.delete(waiter);
          waiter.resolve(event);
        }
      }
    });
    socket.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      res.on('end', () => reject(new WsUpgradeError(res.statusCode ?? 0, body)));
    });
    socket.once('error', reject);
    socket.once('open', () => {
      resolveClient({
        events,
        send: (message) => socket.send(typeof message === 'string' ? message : JSON.stringify(message)),
        waitFor: <T>(predicate: (event: unknown) => boolean, timeoutMs = 5000) =>
          new Promise<T>((resolveEvent, rejectEvent) => {
            const seen = events.find(predicate);
            if (seen !== undefined) return resolveEvent(seen as T);
            const waiter = {
              predicate,
              resolve: (event: unknown) => {
                clearTimeout(timer);
                resolveEvent(event as T);
              },
            };
            const timer = setTimeout(() => {
              waiters.delete(waiter);
              rejectEvent(
                new Error(
                  `No matching WebSocket event within ${timeoutMs} ms; got ${JSON.stringify(events)}`,
                ),
              );
            }, timeoutMs);
            waiters.add(waiter);
          }),
        closed: () => closed,
        close: async () => {
          if (socket.readyState === WebSocket.CLOSED) return;
          socket.close(1000);
          await closed;
        },
      });
    });
  });
}
