/**
 * Desktop notifications for new messages while the tab is hidden. Permission is requested
 * only from a click on our own "Enable" button (browsers penalise prompts without a gesture),
 * and a "Not now" is remembered.
 */
const DISMISSED_KEY = 'smsproj.notifications.dismissed';

export const notificationsSupported = (): boolean =>
  typeof window !== 'undefined' && 'Notification' in window;

export function shouldOfferNotifications(): boolean {
  if (!notificationsSupported() || Notification.permission !== 'default') return false;
  try {
    return window.localStorage.getItem(DISMISSED_KEY) !== '1';
  } catch {
    return true;
  }
}

export function dismissNotificationOffer(): void {
  try {
    window.localStorage.setItem(DISMISSED_KEY, '1');
  } catch {
    // Storage unavailable: the offer comes back next time, which is harmless.
  }
}

export async function requestNotificationPermission(): Promise<NotificationPermission> {
  if (!notificationsSupported()) return 'denied';
  return Notification.requestPermission();
}

export function notifyIfHidden(title: string, body: string, tag: string, onClick: () => void): void {
  if (!notificationsSupported() || Notification.permission !== 'granted' || !document.hidden) return;
  const notification = new Notification(title, { body, tag });
  notification.onclick = () => {
    window.focus();
    onClick();
    notification.close();
  };
}
