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

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const twoDigits = (n: number): string => String(n).padStart(2, '0');

/**
 * A moment as people read it, in this machine's time zone: "Thu 26 Nov, 14:49" (the year only when
 * it is not this one: "Fri 31 Dec 2027, 14:49"). Reports keep UTC (JSON, the diagnostic bundle);
 * people get local time. Written out by hand, not with Intl: a CLI run that formats one time would
 * otherwise load ICU's locale data (about 7 MiB and tens of ms), and the words stay the same under
 * every ICU build (Node's, Electron's).
 */
export function localTime(ms: number, now: number = Date.now()): string {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return '';
  const year = date.getFullYear() === new Date(now).getFullYear() ? '' : ` ${date.getFullYear()}`;
  const day = `${WEEKDAYS[date.getDay()]} ${date.getDate()} ${MONTHS[date.getMonth()]}${year}`;
  return `${day}, ${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}`;
}
