import { createRoot } from 'react-dom/client';
import { loadConfig } from './api/config';
import { App } from './App';
import { SessionProvider } from './auth/session';
import { ToastProvider } from './components/Toasts';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

void loadConfig().then(() => {
  createRoot(container).render(
    <SessionProvider>
      <ToastProvider>
        <App />
      </ToastProvider>
    </SessionProvider>,
  );
});
