import { createRequire } from 'node:module';
import { isUsablePosition } from './gps.js';

type TzLookup = (lat: number, lon: number) => string;
let lookup: TzLookup | null = null;

/**
 * The IANA zone at a GPS position (`Europe/Rome`), from @photostructure/tz-lookup's compressed borders (~100 KB,
 * ~0.05 ms a lookup, loaded on first use). Its borders are approximate far from towns, which only matters near a
 * zone line; null for a position that is none (0, 0, out of range) or a zone this machine's ICU does not know.
 */
export function zoneAt(lat: number, lon: number): string | null {
  if (!isUsablePosition(lat, lon)) return null;
  lookup ??= createRequire(import.meta.url)('@photostructure/tz-lookup') as TzLookup;
  try {
    const zone = lookup(lat, lon);
    return formatterFor(zone) ? zone : null;
  } catch {
    return null;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(zone: string): Intl.DateTimeFormat | null {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    } catch {
      formatter = null;
    }
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** Minutes east of UTC in `zone` at the instant `utcMs`. */
function offsetMinutes(formatter: Intl.DateTimeFormat, utcMs: number): number {
  const name = formatter.formatToParts(utcMs).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /^GMT([+-])(\d{2}):?(\d{2})?$/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? '0'));
}

/**
 * The offset ('+02:00') that wall-clock time `local` ('YYYY-MM-DDTHH:MM:SS') had in `zone`, daylight saving
 * included: a July photo in Rome is +02:00, a January one +01:00. In the hour a clock skips or repeats, the
 * offset before the change is taken. Null for a zone this machine does not know.
 */
export function offsetInZone(local: string, zone: string): string | null {
  const formatter = formatterFor(zone);
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(local);
  if (!formatter || !m) return null;
  const asUtc = new Date(0).setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3])) + ((Number(m[4]) * 60 + Number(m[5])) * 60 + Number(m[6])) * 1000;
  // Offsets change at most once a day: those a day either side are the candidates, and the right one maps back to
  // that same wall-clock time. Both fit in a repeated hour (the earlier is taken), neither in a skipped one.
  const before = offsetMinutes(formatter, asUtc - 86_400_000);
  const after = offsetMinutes(formatter, asUtc + 86_400_000);
  const fits = (offset: number) => offsetMinutes(formatter, asUtc - offset * 60_000) === offset;
  const minutes = fits(before) ? before : fits(after) ? after : before;
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
