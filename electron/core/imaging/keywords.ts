/**
 * Keywords other apps wrote into a photo or its XMP sidecar, as Phototag keeps them: each a path of one or more
 * levels ('Places|Italy|Florence', 'sunset'). Lightroom writes hierarchies to lr:hierarchicalSubject ('|'),
 * digiKam to digiKam:TagsList ('/'), and both also write every level as a flat dc:subject; IPTC Keywords are flat.
 * A flat keyword that is a level of some hierarchy is that hierarchy's, not a second keyword.
 */

const namespaces = {
  dc: 'http://purl.org/dc/elements/1.1/',
  lr: 'http://ns.adobe.com/lightroom/1.0/',
  digiKam: 'http://www.digikam.org/ns/1.0/',
} as const;

/** The separator Phototag stores hierarchies with (Lightroom's). */
export const keywordSeparator = '|';
const maxKeywords = 500;
const maxKeywordLength = 200;

/** Keyword paths from an XMP packet (a photo's embedded one or a sidecar's whole text) and IPTC Keywords. */
export function readKeywords(xmpPacket: string | null, iptcKeywords: unknown = null): string[] {
  const hierarchies: string[][] = [];
  const flat: string[] = [];
  if (xmpPacket) {
    for (const value of listOf(xmpPacket, 'lr', 'hierarchicalSubject')) hierarchies.push(value.split('|'));
    for (const value of listOf(xmpPacket, 'digiKam', 'TagsList')) hierarchies.push(value.split('/'));
    flat.push(...listOf(xmpPacket, 'dc', 'subject'));
  }
  const iptc = Array.isArray(iptcKeywords) ? iptcKeywords : iptcKeywords === null || iptcKeywords === undefined ? [] : [iptcKeywords];
  for (const k of iptc) if (typeof k === 'string') flat.push(...k.split(/[,;]/));
  const paths = new Map<string, string>();
  const levels = new Set<string>();
  const add = (levelsOfPath: string[]) => {
    const clean = levelsOfPath.map(cleanLevel).filter((l): l is string => l !== null);
    if (clean.length === 0) return;
    const joined = clean.join(keywordSeparator);
    if (joined.length > maxKeywordLength) return;
    for (const l of clean) levels.add(l.toLowerCase());
    if (!paths.has(joined.toLowerCase())) paths.set(joined.toLowerCase(), joined);
  };
  for (const h of hierarchies) add(h);
  // Every hierarchy that is a prefix of a longer one is that one's ancestor, not a keyword of its own.
  for (const [key] of [...paths]) if ([...paths.keys()].some((other) => other !== key && other.startsWith(key + keywordSeparator))) paths.delete(key);
  for (const word of flat) {
    const clean = cleanLevel(word);
    if (clean && !levels.has(clean.toLowerCase())) add([clean]);
  }
  return [...paths.values()].slice(0, maxKeywords);
}

/** The leaf of a keyword path: the tag a photo gets ('Florence' for 'Places|Italy|Florence'). */
export function keywordLeaf(path: string): string {
  return path.slice(path.lastIndexOf(keywordSeparator) + 1);
}

function cleanLevel(raw: string): string | null {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (text === '' || [...text].some((c) => c.charCodeAt(0) < 0x20)) return null;
  return text.length > 80 ? null : text;
}

/** The rdf:li items of prefix:name (a Bag or Seq), under whatever prefix the packet bound the namespace to. */
function listOf(packet: string, ns: keyof typeof namespaces, name: string): string[] {
  const prefixes = new Set<string>([ns]);
  const declared = new RegExp(`xmlns:([A-Za-z_][\\w.-]*)\\s*=\\s*["']${escapeRegExp(namespaces[ns])}["']`, 'g');
  for (const m of packet.matchAll(declared)) if (m[1]) prefixes.add(m[1]);
  const values: string[] = [];
  for (const prefix of prefixes) {
    const qname = escapeRegExp(`${prefix}:${name}`);
    for (const element of packet.matchAll(new RegExp(`<${qname}(?:\\s[^>]*)?>([\\s\\S]*?)</${qname}>`, 'g'))) {
      for (const item of (element[1] ?? '').matchAll(/<rdf:li(?:\s[^>]*)?>([^<]*)<\/rdf:li>/g)) {
        const text = decodeEntities(item[1] ?? '');
        if (text.trim() !== '') values.push(text);
      }
    }
  }
  return values;
}

function decodeEntities(raw: string): string {
  return raw
    .replace(/&#x([0-9a-fA-F]+);/g, (_, hex: string) => safeCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => safeCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function safeCodePoint(n: number): string {
  return Number.isInteger(n) && n >= 0x20 && n <= 0x10ffff ? String.fromCodePoint(n) : '';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
