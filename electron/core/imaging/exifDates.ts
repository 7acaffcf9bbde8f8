/**
 * Capture dates stay local wall-clock strings. A JavaScript Date would pin them to the machine's time zone and
 * move a photo taken at 00:30 in Tokyo to the previous day for someone browsing in Lisbon.
 */

/** 'YYYY:MM:DD HH:MM:SS' (also '-' or '/' between date parts, 'T' before the time, missing seconds). */
const exifPattern = /^(\d{4})[:\-/.](\d{1,2})[:\-/.](\d{1,2})[ T]+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?/;
/** ISO 8601 as XMP writes it, with optional fraction and zone; some writers use EXIF's colons in the date. */
const xmpPattern = /^(\d{4})[:-](\d{2})[:-](\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{1,2}(?::?\d{2})?)?$/;

/**
 * The first photograph was taken in 1826. Years 1900 and 2099 onwards are what cameras write when their clock was
 * never set or its battery died (1900:01:01, 2099:12:31), never a real capture.
 */
const firstPhotoYear = 1826;
const placeholderYears = (year: number) => year === 1900 || year >= 2099;

/** A date read from a tag: the local time, or why the value present there is not a capture date. */
export type DateReading = { local: string; problem?: undefined } | { local?: undefined; problem: string };

/** Parses an EXIF date-time tag into 'YYYY-MM-DDTHH:MM:SS'; null when absent or not a real date. */
export function parseExifDateTime(value: unknown): string | null {
  return readExifDateTime(value)?.local ?? null;
}

/** parseExifDateTime with the reason a value that is there was refused; null when the tag is absent or blank. */
export function readExifDateTime(value: unknown): DateReading | null {
  const text = cleanText(value);
  if (text === null) return null;
  // EXIF's own form of an unknown date: every digit a space, the colons kept.
  if (/^[\s:]+$/.test(text)) return { problem: `"${String(value).split('\0', 1)[0]}" is blank (spaces): the camera did not know the date` };
  const m = exifPattern.exec(text);
  return m ? localDateTime(text, m[1], m[2], m[3], m[4], m[5], m[6]) : { problem: `"${text}" is not a date` };
}

/** Parses an XMP date; the local time is kept as written and the zone, if any, is returned beside it. */
export function parseXmpDateTime(value: unknown): { local: string; offset: string | null } | null {
  const reading = readXmpDateTime(value);
  return reading?.local === undefined ? null : { local: reading.local, offset: reading.offset };
}

/** parseXmpDateTime with the reason a value that is there was refused; null when the property is absent. */
export function readXmpDateTime(value: unknown): ({ local: string; offset: string | null; problem?: undefined }) | { local?: undefined; problem: string } | null {
  const text = cleanText(value);
  if (text === null) return null;
  const m = xmpPattern.exec(text);
  if (!m) return { problem: `"${text}" is not a date` };
  const reading = localDateTime(text, m[1], m[2], m[3], m[4], m[5], m[6]);
  if (reading.local === undefined) return reading;
  return { local: reading.local, offset: m[7] === undefined ? null : parseOffset(m[7]) };
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

function localDateTime(text: string, ...parts: (string | undefined)[]): DateReading {
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = parts.map((p) => Number(p ?? '0'));
  const bad = (why: string): DateReading => ({ problem: `"${text}" ${why}` });
  if (year === 0 && month === 0 && day === 0) return bad('is blank (zeros): the camera did not know the date');
  if (year > 2099) return bad(`has the year ${year}, far in the future: the camera's clock was wrong`);
  if (placeholderYears(year)) return bad(`has the year ${year}, which cameras write when their clock was never set`);
  if (year < firstPhotoYear) return bad(`has the year ${year}, before photography existed`);
  if (month < 1 || month > 12) return bad(`has no month ${month}`);
  // Day 31 of a 30-day month (or 29 Feb in a common year) rolls over in Date.UTC; a real date round-trips.
  if (day < 1 || new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return bad(`has no day ${day} in that month`);
  if (hour > 23 || minute > 59 || second > 59) return bad(`has no time ${pad(hour)}:${pad(minute)}:${pad(second)}`);
  return { local: `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}` };
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
