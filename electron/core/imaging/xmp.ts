/**
 * The few XMP properties Phototag uses, read from the raw packet. A full RDF parse is not needed for
 * simple-valued properties and costs more than the rest of metadata reading; namespace prefixes are resolved
 * from the packet's xmlns declarations because writers are free to pick their own.
 */

const namespaces = {
  exif: 'http://ns.adobe.com/exif/1.0/',
  exifEX: 'http://cipa.jp/exif/1.0/',
  aux: 'http://ns.adobe.com/exif/1.0/aux/',
  tiff: 'http://ns.adobe.com/tiff/1.0/',
} as const;

type Namespace = keyof typeof namespaces;

export interface XmpFacts {
  dateTimeOriginal: string | null;
  dateTimeDigitized: string | null;
  orientation: number | null;
  lens: string | null;
}

export function readXmp(packet: string): XmpFacts {
  const prefixes = resolvePrefixes(packet);
  const get = (ns: Namespace, name: string) => readProperty(packet, prefixes[ns], name);
  const orientationText = get('tiff', 'Orientation');
  const orientation = orientationText !== null && /^[1-8]$/.test(orientationText) ? Number(orientationText) : null;
  return {
    dateTimeOriginal: get('exif', 'DateTimeOriginal'),
    dateTimeDigitized: get('exif', 'DateTimeDigitized'),
    orientation,
    lens: get('exifEX', 'LensModel') ?? get('aux', 'Lens'),
  };
}

function resolvePrefixes(packet: string): Record<Namespace, string[]> {
  const found = {} as Record<Namespace, string[]>;
  for (const [ns, uri] of Object.entries(namespaces) as [Namespace, string][]) {
    const declared = new Set<string>([ns]);
    const pattern = new RegExp(`xmlns:([A-Za-z_][\\w.-]*)\\s*=\\s*["']${escapeRegExp(uri)}["']`, 'g');
    for (const m of packet.matchAll(pattern)) if (m[1]) declared.add(m[1]);
    found[ns] = [...declared];
  }
  return found;
}

/** The value of prefix:name as an attribute (name="v") or a simple element (<name>v</name>, or its first rdf:li). */
function readProperty(packet: string, prefixes: string[], name: string): string | null {
  for (const prefix of prefixes) {
    const qname = escapeRegExp(`${prefix}:${name}`);
    const attribute = new RegExp(`[\\s<]${qname}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(packet);
    const attributeValue = attribute?.[1] ?? attribute?.[2];
    if (attributeValue !== undefined) return clean(attributeValue);
    const element = new RegExp(`<${qname}(?:\\s[^>]*)?>([\\s\\S]*?)</${qname}>`).exec(packet);
    if (element?.[1] !== undefined) {
      const inner = element[1];
      const listItem = /<rdf:li(?:\s[^>]*)?>([^<]*)<\/rdf:li>/.exec(inner);
      return clean(listItem?.[1] ?? inner);
    }
  }
  return null;
}

function clean(raw: string): string | null {
  if (raw.includes('<')) return null;
  const text = raw
    .replace(/&#x([0-9a-fA-F]+);/g, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
  return text === '' ? null : text;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
