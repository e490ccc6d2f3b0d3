import { type ReactNode, useState } from 'react';
import { useSession } from '../auth/session';
import { formatMoney } from '../lib/format';
import {
  dismissNotificationOffer,
  notifyIfHidden,
  requestNotificationPermission,
  shouldOfferNotifications,
} from '../lib/notifications';
import { Link, navigate, usePathname } from '../lib/router';
import { useRealtimeEvent } from '../realtime/hooks';
import { useToast } from './Toasts';

const PAGES = [
  { to: '/chat', label: 'Chat' },
  { to: '/numbers', label: 'Numbers' },
  { to: '/verifications', label: 'Verifications' },
  { to: '/dashboard', label: 'Dashboard' },
  { to: '/developers', label: 'Developers' },
] as const;

/** The frame of every private page: navigation, the signed-in user, "Log out". */
export function AppShell({ children }: { readonly children: ReactNode }) {
  const { me, logout } = useSession();
  const pathname = usePathname();
  const toast = useToast();
  const [busy, setBusy] = useState(false);

  useRealtimeEvent('message.created', ({ message, conversationId }) => {
    if (!me || message.sender.userId === me.userId) return;
    const from = message.sender.username ?? message.sender.phoneNumber ?? 'Someone';
    notifyIfHidden(`New message from ${from}`, message.body.slice(0, 140), conversationId, () =>
      navigate(`/chat/${encodeURIComponent(conversationId)}`),
    );
  });
  useRealtimeEvent('notification', ({ title, body }) => toast(title, body));

  const onLogout = async () => {
    setBusy(true);
    try {
      await logout();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/chat" className="brand">
          SMSPROJ
        </Link>
        <nav aria-label="Main" className="mainnav">
          {PAGES.map((page) => (
            <Link
              key={page.to}
              to={page.to}
              aria-current={pathname.startsWith(page.to) ? 'page' : undefined}
              className="navlink"
            >
              {page.label}
            </Link>
          ))}
        </nav>
        <div className="account">
          {me ? (
            <span className="whoami" title={me.email}>
              {me.username} · <span className="sr-only">balance </span>
              {formatMoney(me.balanceCents)}
            </span>
          ) : null}
          <button type="button" className="secondary small" onClick={onLogout} disabled={busy}>
            Log out
          </button>
        </div>
      </header>
      {pathname.startsWith('/chat') ? <NotificationOffer /> : null}
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

/** Asks for desktop notification permission only when the person clicks "Enable". */
function NotificationOffer() {
  const [visible, setVisible] = useState(shouldOfferNotifications);
  if (!visible) return null;
  return (
    <aside className="offer" aria-label="Desktop notifications">
      <p>Get desktop notifications for new messages while this tab is in the background?</p>
      <div className="row">
        <button
          type="button"
          className="small"
          onClick={async () => {
            await requestNotificationPermission();
            setVisible(false);
          }}
        >
          Enable notifications
        </button>
        <button
          type="button"
          className="secondary small"
          onClick={() => {
            dismissNotificationOffer();
            setVisible(false);
          }}
        >
          Not now
        </button>
      </div>
    </aside>
  );
}
