import { useEffect, useRef, useState } from 'react';
import type { RealtimeEvent, RealtimeEventType } from './events';
import { type ConnectionState, realtime } from './socket';

/** Subscribes to one event type for the component's lifetime; the latest handler is always used. */
export function useRealtimeEvent<T extends RealtimeEventType>(
  type: T,
  handler: (event: Extract<RealtimeEvent, { type: T }>) => void,
): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => realtime.on(type, (event) => ref.current(event)), [type]);
}

/** Runs `onReconnect` after the socket comes back, to catch up on what was missed. */
export function useConnectionState(onReconnect?: () => void): ConnectionState {
  const [state, setState] = useState<ConnectionState>('connecting');
  const ref = useRef(onReconnect);
  ref.current = onReconnect;
  useEffect(
    () =>
      realtime.onState((next, reconnected) => {
        setState(next);
        if (reconnected) ref.current?.();
      }),
    [],
  );
  return state;
}
