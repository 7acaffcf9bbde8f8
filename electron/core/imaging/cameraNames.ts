/**
 * Camera makers spell their own names many ways across models and decades ('NIKON', 'NIKON CORPORATION';
 * 'CASIO COMPUTER CO.,LTD' and '...LTD.'). Search and grouping need one name per brand, as people say it.
 */

interface Brand {
  /** Lower-case prefixes of the EXIF Make that belong to this brand. */
  makes: string[];
  name: string;
  /** Extra words a model name may start with that repeat the brand ('KODAK' for Eastman Kodak). */
  modelPrefixes?: string[];
}

const brands: Brand[] = [
  { makes: ['nikon'], name: 'Nikon' },
  { makes: ['canon'], name: 'Canon' },
  { makes: ['casio'], name: 'Casio' },
  { makes: ['eastman kodak', 'kodak'], name: 'Kodak', modelPrefixes: ['kodak'] },
  { makes: ['olympus'], name: 'Olympus' },
  { makes: ['om digital'], name: 'OM System' },
  { makes: ['samsung'], name: 'Samsung' },
  { makes: ['sony'], name: 'Sony' },
  { makes: ['fujifilm', 'fuji photo film', 'fuji'], name: 'Fujifilm' },
  { makes: ['konica minolta', 'konica-minolta'], name: 'Konica Minolta', modelPrefixes: ['konica minolta', 'minolta'] },
  { makes: ['minolta'], name: 'Minolta' },
  { makes: ['pentax', 'asahi optical'], name: 'Pentax' },
  { makes: ['ricoh', 'caplio'], name: 'Ricoh', modelPrefixes: ['ricoh'] },
  { makes: ['panasonic', 'matsushita'], name: 'Panasonic' },
  { makes: ['sanyo'], name: 'Sanyo' },
  { makes: ['apple'], name: 'Apple' },
  { makes: ['leica'], name: 'Leica' },
  { makes: ['hasselblad'], name: 'Hasselblad' },
  { makes: ['sigma'], name: 'Sigma' },
  { makes: ['google'], name: 'Google' },
  { makes: ['huawei'], name: 'Huawei' },
  { makes: ['xiaomi'], name: 'Xiaomi' },
  { makes: ['oneplus'], name: 'OnePlus' },
  { makes: ['oppo'], name: 'OPPO' },
  { makes: ['motorola'], name: 'Motorola' },
  { makes: ['lg electronics', 'lge'], name: 'LG', modelPrefixes: ['lg'] },
  { makes: ['htc'], name: 'HTC' },
  { makes: ['hmd global', 'nokia'], name: 'Nokia', modelPrefixes: ['nokia'] },
  { makes: ['microsoft'], name: 'Microsoft' },
  { makes: ['research in motion', 'blackberry'], name: 'BlackBerry' },
  { makes: ['hewlett-packard', 'hp'], name: 'HP' },
  { makes: ['seiko epson', 'epson'], name: 'Epson' },
  { makes: ['dji'], name: 'DJI' },
  { makes: ['gopro'], name: 'GoPro' },
  { makes: ['kyocera'], name: 'Kyocera' },
  { makes: ['toshiba'], name: 'Toshiba' },
  { makes: ['sharp'], name: 'Sharp' },
  { makes: ['polaroid'], name: 'Polaroid' },
  { makes: ['jolla'], name: 'Jolla' },
  { makes: ['nintendo'], name: 'Nintendo' },
];

/** Company-form words that add nothing to a brand name. */
const corporateSuffix =
  /[\s,.]+(corporation|corp|company|co|ltd|limited|inc|incorporated|gmbh|ag|s\.?a|llc|plc|kk|electric|electronics|optical|imaging|digital solutions|techwin|computer)\b\.?/gi;

/** Text of an EXIF ASCII value: the C string up to its first NUL, trimmed; null when nothing is left. */
export function cleanExifText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = (value.split('\0', 1)[0] ?? '').replace(/\s+/g, ' ').trim();
  return text === '' ? null : text;
}

/** One spelling per brand: 'NIKON CORPORATION' -> 'Nikon', 'OLYMPUS OPTICAL CO.,LTD' -> 'Olympus'. */
export function normaliseMake(rawMake: string | null): string | null {
  const make = cleanExifText(rawMake);
  if (make === null) return null;
  const brand = findBrand(make);
  if (brand) return brand.name;
  // Unknown makers: drop the company form and stop the shouting, but keep short acronyms ('WWL') as they are.
  const stripped = make.replace(corporateSuffix, '').replace(/[\s,.]+$/, '').trim() || make;
  return stripped === stripped.toUpperCase() && stripped.replace(/[^A-Z]/g, '').length > 3 ? titleCase(stripped) : stripped;
}

/** 'Canon EOS 40D', 'Nikon COOLPIX P6000', 'Nikon D70' (from 'NIKON D70'): the brand once, then the model. */
export function cameraDisplayName(rawMake: string | null, rawModel: string | null): string | null {
  const make = normaliseMake(rawMake);
  const model = cleanExifText(rawModel);
  if (make === null) return model;
  if (model === null) return make;
  const brand = findBrand(cleanExifText(rawMake) ?? '');
  const repeats = [make, cleanExifText(rawMake) ?? '', ...(brand?.makes ?? []), ...(brand?.modelPrefixes ?? [])]
    .map((p) => p.toLowerCase())
    .filter((p) => p !== '')
    .sort((a, b) => b.length - a.length);
  const lowerModel = model.toLowerCase();
  for (const prefix of repeats) {
    if (lowerModel === prefix) return make;
    if (lowerModel.startsWith(prefix) && /[\s_-]/.test(model.charAt(prefix.length))) {
      return `${make} ${model.slice(prefix.length + 1).trim()}`;
    }
  }
  return `${make} ${model}`;
}

function findBrand(make: string): Brand | undefined {
  const lower = make.toLowerCase();
  return brands.find((b) => b.makes.some((m) => lower === m || lower.startsWith(m + ' ') || lower.startsWith(m + ',') || lower.startsWith(m + '.') || lower.startsWith(m + '-')));
}

function titleCase(text: string): string {
  return text.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, letter: string) => sep + letter.toUpperCase());
}
