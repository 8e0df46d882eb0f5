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
