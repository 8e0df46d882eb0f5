/** "5 h 12 m", "3 d 4 h", "12 m", "less than a minute": one wording for the CLI, the tray and the wizard. */
export function formatRemaining(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'less than a minute';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours === 0) return `${minutes} m`;
  return minutes % 60 > 0 ? `${hours} h ${minutes % 60} m` : `${hours} h`;
}

/**
 * A moment as people read it, in this machine's time zone: "Thu 26 Nov, 14:49" (the year only when
 * it is not this one). Reports keep UTC (JSON, the diagnostic bundle); people get local time.
 */
export function localTime(ms: number, now: number = Date.now()): string {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return '';
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  return date.toLocaleString('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
    hour: '2-digit',
    minute: '2-digit',
  });
}
