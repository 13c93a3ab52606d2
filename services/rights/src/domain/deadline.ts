/**
 * GDPR Art. 12(3): a request is answered "within one month of receipt". A calendar month, counted in
 * UTC: the same day and time next month, or that month's last day when it is shorter
 * (31 January -> 28 or 29 February, 31 March -> 30 April).
 */
export function dueDate(requestedAt: Date): Date {
  const year = requestedAt.getUTCFullYear();
  const month = requestedAt.getUTCMonth() + 1;
  // Day 0 of the month after next is the last day of next month.
  const lastDayOfNextMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(requestedAt.getUTCDate(), lastDayOfNextMonth);
  return new Date(
    Date.UTC(year, month, day, requestedAt.getUTCHours(), requestedAt.getUTCMinutes(), requestedAt.getUTCSeconds(), requestedAt.getUTCMilliseconds()),
  );
}
