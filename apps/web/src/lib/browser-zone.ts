// The zone of this browser, for times that belong to no campaign (when a number was added to the
// do-not-call list, a webhook delivery, a key's creation). formatDateTime names it next to the time.
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
