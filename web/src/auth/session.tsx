import {
  createContext,
  useRef,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';
import { getMe } from '../api/account';
import { logout as apiLogout } from '../api/auth';
import { ApiProblem, onSessionLost } from '../api/client';
import { getTokens, onTokensChange } from '../api/tokens';
import type { Profile } from '../api/account';
import { navigate } from '../lib/router';
import { realtime } from '../realtime/socket';

interface Session {
  /** Tokens are present (the profile may still be loading). */
  readonly signedIn: boolean;
  readonly me: Profile | null;
  readonly reloadMe: () => Promise<void>;
  readonly setMe: (profile: Profile) => void;
  readonly logout: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const [signedIn, setSignedIn] = useState(() => getTokens() !== null);
  const [me, setMe] = useState<Profile | null>(null);

  useEffect(() => {
    onSessionLost(() => navigate('/login', { replace: true }));
    return onTokensChange((tokens) => {
      setSignedIn(tokens !== null);
      if (!tokens) {
        setMe(null);
        realtime.stop();
      }
    });
  }, []);

  const reloadMe = useCallback(async () => {
    setMe(await getMe());
  }, []);

  // Set while logging out: a profile call still in flight must not open the socket again with
  // tokens that are being revoked.
  const loggingOut = useRef(false);

  // The profile call first: it refreshes a stale access token, so the socket opens with a good one.
  useEffect(() => {
    if (!signedIn) return;
    loggingOut.current = false;
    let cancelled = false;
    const startSocket = () => {
      if (!cancelled && !loggingOut.current) realtime.start();
    };
    reloadMe().then(startSocket, (error: unknown) => {
      // A 401 has already ended the session; otherwise (network, 5xx) the socket keeps retrying.
      if (!(error instanceof ApiProblem && error.status === 401)) startSocket();
    });
    return () => {
      cancelled = true;
    };
  }, [signedIn, reloadMe]);

  const logout = useCallback(async () => {
    loggingOut.current = true;
    realtime.stop();
    try {
      await apiLogout();
    } finally {
      navigate('/login', { replace: true });
    }
  }, []);

  const value = useMemo(() => ({ signedIn, me, reloadMe, setMe, logout }), [signedIn, me, reloadMe, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
