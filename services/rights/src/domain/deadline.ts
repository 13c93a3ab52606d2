/**
 * `months` calendar months after `from`, counted in UTC: the same day and time, or that month's last
 * day when it is shorter (31 January + 1 -> 28 or 29 February, 31 March + 1 -> 30 April).
 */
export function addCalendarMonths(from: Date, months: number): Date {
  const year = from.getUTCFullYear();
  const month = from.getUTCMonth() + months;
  // Day 0 of the month after the target is the target month's last day.
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(from.getUTCDate(), lastDay);
  return new Date(Date.UTC(year, month, day, from.getUTCHours(), from.getUTCMinutes(), from.getUTCSeconds(), from.getUTCMilliseconds()));
}

/** GDPR Art. 12(3): a request is answered "within one month of receipt", a calendar month. */
export function dueDate(requestedAt: Date): Date {
  return addCalendarMonths(requestedAt, 1);
}

/** Art. 12(3): the period "may be extended by two further months where necessary", once. */
export const MAX_EXTENSION_MONTHS = 2;

/** The deadline after an extension of `months` (1 or 2) further months: counted from receipt, like the first. */
export function extendedDueDate(requestedAt: Date, months: number): Date {
  return addCalendarMonths(requestedAt, 1 + months);
}
