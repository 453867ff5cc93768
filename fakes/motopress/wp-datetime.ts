/**
 * WordPress date formats: `Y-m-d\TH:i:s` WITHOUT an offset marker, either site-local (post_date)
 * or UTC (post_date_gmt), and `Y-m-d` stay dates with no time zone at all. The site's zone is a
 * fixed offset here (no DST), which is enough to make local and UTC differ.
 */
export function wpDateTime(ms: number, utcOffsetMinutes = 0): string {
  return new Date(ms + utcOffsetMinutes * 60_000).toISOString().slice(0, 19);
}

/** The site-local calendar date of an instant (`Y-m-d`): what the plugin calls "today". */
export function wpDate(ms: number, utcOffsetMinutes = 0): string {
  return wpDateTime(ms, utcOffsetMinutes).slice(0, 10);
}

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real `Y-m-d` calendar date (no Feb 30). */
export function isYmd(value: string): boolean {
  const m = YMD.exec(value);
  if (!m) return false;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === value;
}

/** `Y-m-d` plus `days` (negative allowed), computed on UTC midnight so no zone can shift it. */
export function addDays(ymd: string, days: number): string {
  return new Date(Date.parse(`${ymd}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Nights between two `Y-m-d` dates. */
export function nightsBetween(checkIn: string, checkOut: string): number {
  return Math.round((Date.parse(`${checkOut}T00:00:00Z`) - Date.parse(`${checkIn}T00:00:00Z`)) / 86_400_000);
}
