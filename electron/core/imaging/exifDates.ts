/**
 * Capture dates stay local wall-clock strings. A JavaScript Date would pin them to the machine's time zone and
 * move a photo taken at 00:30 in Tokyo to the previous day for someone browsing in Lisbon.
 */

/** 'YYYY:MM:DD HH:MM:SS' (also '-' or '/' between date parts, 'T' before the time, missing seconds). */
const exifPattern = /^(\d{4})[:\-/.](\d{1,2})[:\-/.](\d{1,2})[ T]+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?/;
/** ISO 8601 as XMP writes it, with optional fraction and zone; some writers use EXIF's colons in the date. */
const xmpPattern = /^(\d{4})[:-](\d{2})[:-](\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{1,2}(?::?\d{2})?)?$/;

/** Years outside this range are camera defaults or garbage ('0000:00:00'), never a real capture. */
const minYear = 1800;
const maxYear = 2999;

/** Parses an EXIF date-time tag into 'YYYY-MM-DDTHH:MM:SS'; null when absent or not a real date. */
export function parseExifDateTime(value: unknown): string | null {
  const text = cleanText(value);
  if (text === null) return null;
  const m = exifPattern.exec(text);
  return m ? localDateTime(m[1], m[2], m[3], m[4], m[5], m[6]) : null;
}

/** Parses an XMP date; the local time is kept as written and the zone, if any, is returned beside it. */
export function parseXmpDateTime(value: unknown): { local: string; offset: string | null } | null {
  const text = cleanText(value);
  if (text === null) return null;
  const m = xmpPattern.exec(text);
  if (!m) return null;
  const local = localDateTime(m[1], m[2], m[3], m[4], m[5], m[6]);
  if (local === null) return null;
  return { local, offset: m[7] === undefined ? null : parseOffset(m[7]) };
}

/** '+02:00' from EXIF OffsetTime* values and XMP zones ('Z', '+1:00', '-0500'); null when blank or impossible. */
export function parseOffset(value: unknown): string | null {
  const text = cleanText(value);
  if (text === null) return null;
  if (text === 'Z') return '+00:00';
  const m = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(text);
  if (!m?.[1] || !m[2]) return null;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? '0');
  if (hours > 14 || minutes > 59) return null;
  return `${m[1]}${pad(hours)}:${pad(minutes)}`;
}

function localDateTime(...parts: (string | undefined)[]): string | null {
  const [year, month, day, hour, minute, second] = parts.map((p) => Number(p ?? '0'));
  if (year === undefined || month === undefined || day === undefined || hour === undefined || minute === undefined || second === undefined) return null;
  if (year < minYear || year > maxYear || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  // Day 31 of a 30-day month (or 29 Feb in a common year) rolls over in Date.UTC; a real date round-trips.
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}`;
}

function cleanText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // EXIF ASCII values are C strings: anything after the first NUL is padding or leftovers.
  const text = value.split('\0', 1)[0]?.trim() ?? '';
  return text === '' ? null : text;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
