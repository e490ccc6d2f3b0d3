import { type ReactNode, useEffect } from 'react';
import { useSession } from './auth/session';
import { AppShell } from './components/AppShell';
import { Link, navigate, usePathname } from './lib/router';
import { ChatPage } from './pages/ChatPage';
import { DashboardPage } from './pages/DashboardPage';
import { DevelopersPage } from './pages/DevelopersPage';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage';
import { LoginPage } from './pages/LoginPage';
import { NumbersPage } from './pages/NumbersPage';
import { RegisterPage } from './pages/RegisterPage';
import { VerificationsPage } from './pages/VerificationsPage';

const TITLES: Record<string, string> = {
  login: 'Log in',
  register: 'Create account',
  'forgot-password': 'Reset password',
  chat: 'Chat',
  numbers: 'Numbers',
  verifications: 'Verifications',
  dashboard: 'Dashboard',
  developers: 'Developers',
};

/** Sends the browser elsewhere after render (navigation during render would warn). */
function Redirect({ to }: { readonly to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function Private({ children }: { readonly children: ReactNode }) {
  const { signedIn } = useSession();
  if (!signedIn) return <Redirect to="/login" />;
  return <AppShell>{children}</AppShell>;
}

export function App() {
  const pathname = usePathname();
  const { signedIn } = useSession();
  const [, section = '', rest] = pathname.split('/', 3);

  useEffect(() => {
    document.title = `${TITLES[section] ?? 'SMSPROJ'} · SMSPROJ`;
  }, [section]);

  switch (section) {
    case '':
      return <Redirect to={signedIn ? '/chat' : '/login'} />;
    case 'login':
      return signedIn ? <Redirect to="/chat" /> : <LoginPage />;
    case 'register':
      return <RegisterPage />;
    case 'forgot-password':
      return <ForgotPasswordPage />;
    case 'chat':
      return (
        <Private>
          <ChatPage openId={rest ? decodeURIComponent(rest) : null} />
        </Private>
      );
    case 'numbers':
      return (
        <Private>
          <NumbersPage />
        </Private>
      );
    case 'verifications':
      return (
        <Private>
          <VerificationsPage />
        </Private>
      );
    case 'dashboard':
      return (
        <Private>
          <DashboardPage />
        </Private>
      );
    case 'developers':
      return (
        <Private>
          <DevelopersPage />
        </Private>
      );
    default:
      return (
        <main className="auth-page" id="main">
          <div className="card auth-card">
            <h1>Page not found</h1>
            <p>
              <Link to="/">Go to the start page</Link>
            </p>
          </div>
        </main>
      );
  }
}
