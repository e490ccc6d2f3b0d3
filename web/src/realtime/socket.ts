import { refreshSession } from '../api/client';
import { appConfig } from '../api/config';
import { getTokens } from '../api/tokens';
import type { RealtimeEvent, RealtimeEventType } from './events';

export type ConnectionState = 'connecting' | 'open' | 'closed';
type EventOf<T extends RealtimeEventType> = Extract<RealtimeEvent, { type: T }>;
type AnyHandler = (event: RealtimeEvent) => void;

const PING_EVERY_MS = 25_000;
const MAX_BACKOFF_MS = 30_000;

/** True when the JWT's `exp` is within `ms` from now (or the token is missing); unknown formats count as fresh. */
function expiresWithin(token: string | undefined, ms: number): boolean {
  if (!token) return true;
  try {
    const payload: unknown = JSON.parse(
      atob((token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/')),
    );
    if (
      typeof payload === 'object' &&
      payload !== null &&
      'exp' in payload &&
      typeof payload.exp === 'number'
    ) {
      return payload.exp * 1000 < Date.now() + ms;
    }
  } catch {
    // Not a JWT we can read: let the server decide.
  }
  return false;
}

function isEvent(value: unknown): value is RealtimeEvent {
  return typeof value === 'object' && value !== null && 'type' in value && typeof value.type === 'string';
}

/**
 * One WebSocket per signed-in tab: reconnects with exponential backoff (refreshing the access
 * token first when the socket never opened), pings to keep idle connections alive through
 * proxies, and dispatches server events by `type`.
 */
export class RealtimeClient {
  private socket: WebSocket | null = null;
  private readonly handlers = new Map<string, Set<AnyHandler>>();
  private readonly stateListeners = new Set<(state: ConnectionState, reconnected: boolean) => void>();
  private attempts = 0;
  private everOpened = false;
  private running = false;
  private reconnectTimer: number | undefined;
  private pingTimer: number | undefined;

  start(): void {
    if (this.running) return;
    this.running = true;
    this.attempts = 0;
    this.everOpened = false;
    void this.connect();
  }

  stop(): void {
    this.running = false;
    window.clearTimeout(this.reconnectTimer);
    window.clearInterval(this.pingTimer);
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = null;
      socket.onmessage = null;
      socket.onopen = null;
      socket.onerror = null;
      if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING)
        socket.close(1000);
    }
    this.emitState('closed', false);
  }

  on<T extends RealtimeEventType>(type: T, handler: (event: EventOf<T>) => void): () => void {
    const set = this.handlers.get(type) ?? new Set<AnyHandler>();
    const wrapped: AnyHandler = (event) => handler(event as EventOf<T>);
    set.add(wrapped);
    this.handlers.set(type, set);
    return () => set.delete(wrapped);
  }

  onState(listener: (state: ConnectionState, reconnected: boolean) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Client → server action; dropped silently while disconnected (typing hints are best effort). */
  send(action: { action: 'typing'; conversationId: string; isTyping: boolean } | { action: 'ping' }): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(action));
  }

  private emitState(state: ConnectionState, reconnected: boolean): void {
    for (const listener of this.stateListeners) listener(state, reconnected);
  }

  private async connect(): Promise<void> {
    if (!this.running) return;
    // A handshake with an expired token would only fail (and log an error): refresh first.
    if (expiresWithin(getTokens()?.accessToken, 30_000) && !(await refreshSession())) {
      if (this.running && getTokens()) this.scheduleReconnect(false);
      return;
    }
    const token = getTokens()?.accessToken;
    if (!this.running || !token || this.socket) return;
    const url = new URL(appConfig().wsUrl, window.location.href);
    url.searchParams.set('token', token);
    this.emitState('connecting', false);
    const socket = new WebSocket(url.toString());
    this.socket = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      const reconnected = this.everOpened;
      this.everOpened = true;
      this.attempts = 0;
      window.clearInterval(this.pingTimer);
      this.pingTimer = window.setInterval(() => this.send({ action: 'ping' }), PING_EVERY_MS);
      this.emitState('open', reconnected);
    };
    socket.onmessage = (message) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(String(message.data));
      } catch {
        return;
      }
      if (!isEvent(parsed)) return;
      for (const handler of this.handlers.get(parsed.type) ?? []) handler(parsed);
    };
    socket.onclose = () => {
      window.clearInterval(this.pingTimer);
      if (this.socket !== socket) return;
      this.socket = null;
      this.emitState('closed', false);
      if (this.running) this.scheduleReconnect(!opened);
    };
  }

  private scheduleReconnect(neverOpened: boolean): void {
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempts) * (0.75 + Math.random() / 2);
    this.attempts += 1;
    this.reconnectTimer = window.setTimeout(async () => {
      // A handshake refused outright usually means an expired access token.
      if (neverOpened && !(await refreshSession())) {
        if (this.running && getTokens()) this.scheduleReconnect(true);
        return;
      }
      void this.connect();
    }, delay);
  }
}

export const realtime = new RealtimeClient();
