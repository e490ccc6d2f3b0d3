/** Calendar arithmetic for billing periods (UTC). */

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `from` plus `months` calendar months, clamped to the target month's last day (Jan 31 + 1 month
 * = Feb 28/29). Periods are always computed from the purchase date (purchase + n months), so a
 * clamped month does not shift later renewal dates.
 */
export function addMonths(from: Date, months: number): Date {
  const target = new Date(
    Date.UTC(
      from.getUTCFullYear(),
      from.getUTCMonth() + months,
      1,
      from.getUTCHours(),
      from.getUTCMinutes(),
      from.getUTCSeconds(),
      from.getUTCMilliseconds(),
    ),
  );
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(from.getUTCDate(), lastDay));
  return target;
}

export const addDays = (from: Date, days: number): Date => new Date(from.getTime() + days * DAY_MS);
