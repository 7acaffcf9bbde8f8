import { createRequire } from 'node:module';
import sharp from 'sharp';
import type * as TesseractModule from 'tesseract.js';
import type { Worker as TesseractWorker } from 'tesseract.js';
import { detectorLongSide } from './ppocr/lineBoxes.js';
import { PpOcrReader } from './ppocr/PpOcrReader.js';
import { TextModelFileError } from './ppocr/ppOcrModels.js';
import { defaultGateParams, findTextRegions, gateResize, type TextGateParams, type TextRegion } from './textGate.js';
import { languageDataFolder, languageKey, tesseractCoreDir } from './textLanguages.js';
import { TextReadWithdrawnError } from './textReadErrors.js';
import { cleanedReadFilter, cleanWord, isLexiconWord, defaultWordFilter, keepWord, type RecognisedWord, type WordFilterParams } from './wordFilter.js';

const require = createRequire(import.meta.url);
// tesseract.js is CommonJS; its worker thread loads the wasm core from node_modules, never from a CDN.
const tesseract = require('tesseract.js') as typeof TesseractModule;

/** Upright 8-bit RGB, as the imaging module decodes photos. */
export interface RgbImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 3;
}

/** A word found in a photo; its box is in shares (0–1) of the upright photo's width and height. */
export interface ReadWord {
  text: string;
  confidence: number;
  box: { x: number; y: number; width: number; height: number };
}

export interface TextReading {
  words: ReadWord[];
  /** How many regions the gate sent to OCR (0: the photo was not read). */
  regions: number;
  /** The per-photo time limit stopped the reading; the words are those read before it. */
  timedOut: boolean;
}

export interface TextReaderOptions {
  /** Tesseract language codes ('eng', 'deu'), each's data an npm package @tesseract.js-data/<code>; read together. */
  languages: readonly string[];
  /** A photo's reading stops after this long (a huge screenshot, a pathological texture). Default 8 s. */
  timeoutMs?: number;
  gate?: TextGateParams;
  filter?: WordFilterParams;
  /** At most this many regions are read per photo, the largest first. Default 6. */
  maxRegions?: number;
  /** The folder of PP-OCR's model files (English's reader); default the installed package's. */
  ppOcrModelDir?: string;
  /** Also try the turn a region's text might have (180° for lines across, 90°/270° for lines along). Default true. */
  tryTurns?: boolean;
}

type Turn = 0 | 90 | 180 | 270;

interface RegionReading {
  words: RecognisedWord[];
  kept: RecognisedWord[];
  turn: Turn;
  /** Degrees the crop was turned clockwise before reading (the turn less the line's slant). */
  rotation: number;
  /** The turned crop's size (sharp enlarges the canvas to hold the whole crop). */
  width: number;
  height: number;
  score: number;
  /** The same over every word read, kept or not: which way a region that gave nothing looked likelier. */
  evidence: number;
}

interface GreyCrop {
  data: Buffer;
  width: number;
  height: number;
}

class ReadTimeout extends Error {}

export { TextReadWithdrawnError } from './textReadErrors.js';

export { textReaderVersion } from './textReaderVersion.js';

/** Across-line size, in pixels of the crop sent to tesseract, that it reads best (its LSTM was trained on ~30-px lines). */
const minThickness = 48;
const maxThickness = 320;
const maxCropSide = 2400;
/** The band read around a line, in shares of its thickness. */
const bandShare = 1.4;

/**
 * Reads the words in the photos the gate finds text in. English alone is read with PaddleOCR's PP-OCRv4 models
 * (PpOcrReader: lines found over the whole photo, at any angle); any other choice of languages with tesseract.js,
 * in its own worker thread, on the regions the gate finds. One reader reads one photo at a time; a tesseract
 * reading that outlives its time limit terminates the worker (tesseract cannot be interrupted otherwise) and the
 * next reading starts a fresh one.
 */
export class TextReader {
  private worker: Promise<TesseractWorker> | null = null;
  /** The English reader; null when the languages are read by tesseract. */
  private ppocr: PpOcrReader | null = null;
  /** Why English is read by tesseract instead of PP-OCR (its model file missing or damaged), or null. */
  warning: string | null = null;
  private readonly timeoutMs: number;
  private readonly gate: TextGateParams;
  private readonly filter: WordFilterParams;
  private readonly maxRegions: number;
  private readonly tryTurns: boolean;
  private readonly langData: { dir: string; release: () => void };
  private readonly languageKey: string;

  private constructor(private readonly options: TextReaderOptions) {
    this.timeoutMs = options.timeoutMs ?? 8000;
    this.gate = options.gate ?? defaultGateParams;
    this.languageKey = languageKey(options.languages);
    this.filter = { ...(options.filter ?? defaultWordFilter), otherLetters: this.languageKey !== 'eng' };
    this.maxRegions = options.maxRegions ?? 6;
    this.tryTurns = options.tryTurns ?? true;
    // Resolved up front: a language that is not installed is refused when the reader opens, not per photo.
    this.langData = languageDataFolder(options.languages);
  }

  /** Opens a reader and starts its worker (about 0.4 s). Throws TextLanguageMissingError for a language not installed. */
  static async open(options: TextReaderOptions): Promise<TextReader> {
    const reader = new TextReader(options);
    try {
      if (reader.languageKey === 'eng') reader.ppocr = await openPpOcrOrExplain(reader);
      if (!reader.ppocr) await reader.ensureWorker();
    } catch (error) {
      await reader.close();
      throw error;
    }
    return reader;
  }

  /** How the English reader is opened. */
  ppOcrOptions(): { modelDir?: string } {
    return this.options.ppOcrModelDir ? { modelDir: this.options.ppOcrModelDir } : {};
  }

  private ensureWorker(): Promise<TesseractWorker> {
    // langPath is the language package's own folder (or one linking several): tesseract reads `<langPath>/<lang>.traineddata.gz` from disk,
    // never a URL, and caches nothing (no file written into the working directory).
    this.worker ??= tesseract.createWorker(this.languageKey, tesseract.OEM.LSTM_ONLY, {
      langPath: this.langData.dir,
      corePath: tesseractCoreDir(),
      cacheMethod: 'none',
      gzip: true,
      logger: () => undefined,
    });
    return this.worker;
  }

  /**
   * Reads the photo's text; photos the gate finds no text in cost only the gate (a few milliseconds). The gate
   * looks at `gateImage`; with `full`, the regions it finds are read from the pixels `full` gives (the photo at its
   * reading size), which are then decoded only for the photos with text: a 12-megapixel JPEG decodes at the gate's
   * size in a twentieth of the time it takes at 4 megapixels. Without `full`, `gateImage` is read too.
   */
  async read(gateImage: RgbImage, options: { signal?: AbortSignal; full?: () => Promise<RgbImage> } = {}): Promise<TextReading> {
    const { signal } = options;
    const deadline = Date.now() + this.timeoutMs;
    const grey = await sharp(gateImage.data, { raw: { width: gateImage.width, height: gateImage.height, channels: 3 } })
      .resize(gateResize(gateImage.width, gateImage.height))
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const gate = findTextRegions({ data: grey.data, width: grey.info.width, height: grey.info.height }, this.gate);
    const regions = gate.regions.slice(0, this.maxRegions);
    if (regions.length === 0) return { words: [], regions: 0, timedOut: false };
    if (this.ppocr) {
      const image = options.full ? await options.full() : gateImage;
      // The gate's thinnest line, in the image's pixels: the detector need not see larger text at full size.
      const thinnest = Math.min(...gate.regions.map((r) => r.thickness)) * (image.width / grey.info.width);
      const reading = await this.ppocr.read(image, deadline, () => {
        if (signal?.aborted) throw new TextReadWithdrawnError();
      }, detectorLongSide(image.width, image.height, thinnest));
      return { words: reading.words, regions: regions.length, timedOut: reading.timedOut };
    }
    return this.readRegions(options.full ? await options.full() : gateImage, regions, grey.info.width, deadline, signal);
  }

  /** Reads `regions` (in the pixels of a gate image `gateWidth` wide) from `image`, the largest first. */
  private async readRegions(image: RgbImage, regions: readonly TextRegion[], gateWidth: number, deadline: number, signal: AbortSignal | undefined): Promise<TextReading> {
    const scale = image.width / gateWidth;
    const words: ReadWord[] = [];
    let timedOut = false;
    // Once a line across has read at one turn, the photo's other lines across are read that way only.
    const upright: { turn: Turn | null } = { turn: null };
    for (const region of regions) {
      // Between regions, where a withdrawal costs nothing: a region already in tesseract finishes first.
      if (signal?.aborted) throw new TextReadWithdrawnError();
      try {
        const reading = await this.readRegion(image, region, scale, deadline, upright);
        for (const word of reading) if (!words.some((w) => sameWord(w, word))) words.push(word);
      } catch (error) {
        if (!(error instanceof ReadTimeout)) throw error;
        timedOut = true;
        break;
      }
    }
    return { words, regions: regions.length, timedOut };
  }

  private async readRegion(image: RgbImage, region: TextRegion, scale: number, deadline: number, upright: { turn: Turn | null }): Promise<ReadWord[]> {
    // The crop in the photo's pixels, padded so the first and last letters are whole and a slanted line's
    // corners stay inside once it is turned level.
    const pad = this.gate.cell * 1.5 + region.thickness * 0.25;
    const left = Math.max(0, Math.floor((region.x - pad) * scale));
    const top = Math.max(0, Math.floor((region.y - pad) * scale));
    const width = Math.min(image.width - left, Math.ceil((region.width + 2 * pad) * scale));
    const height = Math.min(image.height - top, Math.ceil((region.height + 2 * pad) * scale));
    if (width < 4 || height < 4) return [];
    // The line's thickness across its own axis (the gate's, without the crop's padding).
    const thickness = region.thickness * scale;
    let factor = thickness < minThickness ? minThickness / thickness : thickness > maxThickness ? maxThickness / thickness : 1;
    factor = Math.min(factor, maxCropSide / Math.max(width, height), 4);
    const resizedWidth = Math.max(1, Math.round(width * factor));
    const resizedHeight = Math.max(1, Math.round(height * factor));
    const crop = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
      .extract({ left, top, width, height })
      .resize(resizedWidth, resizedHeight, { kernel: factor > 1 ? 'cubic' : 'lanczos3' })
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const cropImage: GreyCrop = { data: crop.data, width: crop.info.width, height: crop.info.height };
    // The gate's slant comes from 8-px cells (32-px at its coarsest scale): the crop's own strokes refine it.
    const slant = estimateSlant(cropImage, region.direction, region.angle);
    const band = thickness * factor * bandShare + 16;
    // Lines along the image: first as most such text runs (top to bottom: a spine, a vertical sign), the other
    // way when that gives nothing. Lines across that gave nothing may be upside down.
    const across: Turn[] = upright.turn !== null ? [upright.turn] : this.tryTurns ? [0, 180] : [0];
    const turns: Turn[] = region.direction === 'vertical' ? [270, 90] : across;
    let best: RegionReading | null = null;
    // The band as it is first (tesseract's own thresholds); when that keeps nothing, the band made dark text on a
    // white page (see cleanBand), then the same with the other polarity (letters with an outline of the other
    // shade and no plate: the letters, not their outline, are the ink), before the next turn. A variant that keeps
    // words but drops a long one (unreadResidue) is not the last: the turn's other variants are read, the best kept.
    outer: for (const turn of turns) {
      for (const variant of ['grey', 'cleaned', 'flipped'] as const) {
        const reading = await this.recognise(cropImage, turn, slant, band, deadline, variant);
        if (!best || reading.score > best.score || (best.score === 0 && reading.evidence > best.evidence)) best = reading;
        if (best.kept.length > 0 && !unreadResidue(best)) break outer;
        if (variant === 'grey' && turn === turns[0] && looksLikeTexture(reading)) break outer;
      }
      if (best && best.kept.length > 0) break;
    }
    if (!best) return [];
    if (region.direction === 'horizontal' && best.kept.length > 0) upright.turn = best.turn;
    const chosen = best;
    // A line that also read as a long unreadable word may be in a script the languages do not cover, whose short
    // words read as confident lookalikes ("Здравствуй мир" read as "34paBCTBYN MUP"): there a word of 3 letters or
    // fewer must be a word of the lexicon (or hold a digit). Longer ones stay: "admin" and "login" are in no lexicon.
    const believed = unreadResidue(chosen) ? chosen.kept.filter((w) => cleanWord(w.text).length > shortLookalike || isLexiconWord(w.text, this.filter)) : chosen.kept;
    return believed.map((word) => {
      const box = unturn(word, chosen, resizedWidth, resizedHeight);
      return {
        text: cleanWord(word.text),
        confidence: Math.round(word.confidence),
        box: {
          x: (left + box.x / factor) / image.width,
          y: (top + box.y / factor) / image.height,
          width: box.width / factor / image.width,
          height: box.height / factor / image.height,
        },
      };
    });
  }

  private async recognise(crop: GreyCrop, turn: Turn, slant: number, band: number, deadline: number, variant: 'grey' | 'cleaned' | 'flipped'): Promise<RegionReading> {
    // One turn: the quarter turn that brings the line across, less its slant (sharp turns clockwise).
    const rotation = turn - slant;
    const turned = await sharp(crop.data, { raw: { width: crop.width, height: crop.height, channels: 1 } })
      .rotate(rotation, { background: edgeGrey(crop) })
      .raw()
      .toBuffer({ resolveWithObject: true });
    // Only the band the line runs in, now level through the middle: tesseract's own thresholds then see the
    // line and its background, not whatever else the turned box holds.
    const bandHeight = Math.min(turned.info.height, Math.round(band));
    const bandTop = Math.max(0, Math.round((turned.info.height - bandHeight) / 2));
    const bandGrey = await sharp(turned.data, { raw: { width: turned.info.width, height: turned.info.height, channels: turned.info.channels } })
      .extract({ left: 0, top: bandTop, width: turned.info.width, height: bandHeight })
      .greyscale()
      .raw()
      .toBuffer();
    const bandImage: GreyCrop = { data: bandGrey, width: turned.info.width, height: bandHeight };
    const prepared = variant === 'grey' ? bandImage : cleanBand(bandImage, variant === 'flipped');
    const padOffset = variant === 'grey' ? 0 : cleanedPad;
    const input = await sharp(prepared.data, { raw: { width: prepared.width, height: prepared.height, channels: 1 } }).png({ compressionLevel: 1 }).toBuffer();
    const worker = await this.ensureWorker();
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new ReadTimeout();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ReadTimeout()), remaining);
    });
    try {
      // The crops carry no resolution; saying one keeps tesseract from warning on stderr for each.
      await worker.setParameters({ tessedit_pageseg_mode: tesseract.PSM.SINGLE_BLOCK, user_defined_dpi: '300' });
      const result = await Promise.race([worker.recognize(input, {}, { blocks: true, text: false }), timeout]);
      const words: RecognisedWord[] = (result.data.blocks ?? []).flatMap((block) =>
        block.paragraphs.flatMap((paragraph) =>
          paragraph.lines.flatMap((line) =>
            line.words.map((w) => ({ text: w.text, confidence: w.confidence, x: w.bbox.x0 - padOffset, y: w.bbox.y0 - padOffset + bandTop, width: w.bbox.x1 - w.bbox.x0, height: w.bbox.y1 - w.bbox.y0 })),
          ),
        ),
      );
      // A cleaned band's fragments and near misses are read confidently: its words pass a stricter filter
      // (cleanedReadFilter: 3 letters or digits, English words or words holding a digit).
      const filter = variant === 'grey' ? this.filter : cleanedReadFilter(this.filter);
      const kept = words.filter((w) => keepWord(w, filter));
      const score = kept.reduce((sum, w) => sum + w.confidence * cleanWord(w.text).length, 0);
      const evidence = words.reduce((sum, w) => sum + w.confidence * cleanWord(w.text).length, 0);
      return { words, kept, turn, rotation, evidence, width: turned.info.width, height: turned.info.height, score };
    } catch (error) {
      if (error instanceof ReadTimeout) await this.restartWorker();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Tesseract cannot be interrupted: the worker is ended and the next reading starts a new one. */
  private async restartWorker(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.then((w) => w.terminate()).catch(() => undefined);
  }

  async close(): Promise<void> {
    const ppocr = this.ppocr;
    this.ppocr = null;
    try {
      await this.restartWorker();
    } finally {
      try {
        await ppocr?.close();
      } finally {
        this.langData.release();
      }
    }
  }
}

/**
 * The English reader, or null when a PP-OCR model file is missing or damaged: English is then read by tesseract,
 * as before PP-OCR, and `reader.warning` names the file (the text pass logs it), so the library reads on.
 */
async function openPpOcrOrExplain(reader: TextReader): Promise<PpOcrReader | null> {
  try {
    return await PpOcrReader.open(reader.ppOcrOptions());
  } catch (error) {
    if (!(error instanceof TextModelFileError)) throw error;
    reader.warning = `${error.message} Text is read with tesseract until then.`;
    return null;
  }
}

/**
 * Letters to a word that a reading dropped (a long word read at low confidence, "amoUintianie"): more of the line
 * may read in another variant. 4 chosen on the text set's dev part (3 reads the same words, slower; 6 fewer).
 */
/**
 * A region whose first read is a crowd of "words" of which hardly any pass the filter is texture (foliage, a
 * crowd, a patterned cloth), not a line of text: its other variants and turns are not read. On the text set's `dev`
 * photos no region that held a word of the set gave more than 14 words at its first read (that one kept 10); on
 * the bench's 120 coco photos five regions gave 19–99 junk words, and their further reads (1–2 s each) were 20 s
 * of the pass's 46 s.
 */
const textureWords = 15;
const textureKeptShare = 0.1;

function looksLikeTexture(reading: RegionReading): boolean {
  return reading.words.length >= textureWords && reading.kept.length <= textureKeptShare * reading.words.length;
}

const residueLetters = 4;
/** Letters up to which a word on a line with residue must be in the lexicon (see readRegion). */
const shortLookalike = 3;

/** Whether a reading that kept words also dropped a long one: the line's other variants are read too, the best kept. */
function unreadResidue(reading: RegionReading): boolean {
  return reading.words.some((w) => !reading.kept.includes(w) && (cleanWord(w.text).match(/\p{L}/gu)?.length ?? 0) >= residueLetters);
}

/** A box read from a crop turned by `reading.rotation` (clockwise), in the unturned crop's pixels (its box's centre turned back). */
function unturn(word: RecognisedWord, reading: RegionReading, width: number, height: number): { x: number; y: number; width: number; height: number } {
  const radians = (reading.rotation * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const dx = word.x + word.width / 2 - reading.width / 2;
  const dy = word.y + word.height / 2 - reading.height / 2;
  // Turning back by the rotation (counter-clockwise in y-down pixels).
  const cx = dx * cos + dy * sin + width / 2;
  const cy = -dx * sin + dy * cos + height / 2;
  const across = reading.turn === 90 || reading.turn === 270;
  const w = across ? word.height : word.width;
  const h = across ? word.width : word.height;
  return { x: cx - w / 2, y: cy - h / 2, width: w, height: h };
}

/** Largest slant a line is turned level from (degrees). */
const maxSlantDegrees = 30;

/**
 * A line's slant in a crop (degrees, clockwise positive in y-down pixels, from its direction): the angle whose
 * projection of the crop's strong edges across the line is the most concentrated (a level line of letters puts
 * its strokes in one narrow band). Searched within 12° of the gate's estimate, on a copy at most 192 px long.
 */
export function estimateSlant(crop: GreyCrop, direction: 'horizontal' | 'vertical', prior: number): number {
  const step = Math.max(1, Math.ceil(Math.max(crop.width, crop.height) / 192));
  const xs: number[] = [];
  const ys: number[] = [];
  const { data, width, height } = crop;
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let y = 0; y + step < height; y += step) {
    for (let x = 0; x + step < width; x += step) {
      const p = data[y * width + x] as number;
      const g = Math.abs((data[y * width + x + step] as number) - p) + Math.abs((data[(y + step) * width + x] as number) - p);
      sum += g;
      sumSq += g * g;
      n++;
    }
  }
  if (n === 0) return prior;
  const mean = sum / n;
  const threshold = Math.max(24, mean + Math.sqrt(Math.max(0, sumSq / n - mean * mean)));
  for (let y = 0; y + step < height; y += step) {
    for (let x = 0; x + step < width; x += step) {
      const p = data[y * width + x] as number;
      const g = Math.abs((data[y * width + x + step] as number) - p) + Math.abs((data[(y + step) * width + x] as number) - p);
      if (g > threshold) {
        xs.push(x / step);
        ys.push(y / step);
      }
    }
  }
  if (xs.length < 20) return prior;
  const bins = Math.ceil(Math.hypot(width, height) / step) + 2;
  const counts = new Float64Array(bins);
  const concentration = (degrees: number): number => {
    const a = (degrees * Math.PI) / 180;
    const cos = Math.cos(a);
    const sin = Math.sin(a);
    counts.fill(0);
    const offset = bins / 2;
    for (let i = 0; i < xs.length; i++) {
      const x = (xs[i] as number) - width / step / 2;
      const y = (ys[i] as number) - height / step / 2;
      const b = direction === 'horizontal' ? -x * sin + y * cos : x * cos + y * sin;
      const k = Math.floor(b + offset);
      if (k >= 0 && k < bins) counts[k] = (counts[k] as number) + 1;
    }
    let score = 0;
    for (let k = 0; k < bins; k++) score += (counts[k] as number) ** 2;
    return score;
  };
  const lo = Math.max(-maxSlantDegrees, prior - 12);
  const hi = Math.min(maxSlantDegrees, prior + 12);
  let best = prior;
  let bestScore = -1;
  for (let d = lo; d <= hi; d += 1) {
    const score = concentration(d);
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  const coarse = best;
  for (let d = coarse - 0.75; d <= coarse + 0.75; d += 0.25) {
    const score = concentration(d);
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

/** The mean grey of a crop's border: what a turned crop's new corners are filled with. */
function edgeGrey(crop: GreyCrop): { r: number; g: number; b: number } {
  let sum = 0;
  let n = 0;
  for (let x = 0; x < crop.width; x++) {
    sum += (crop.data[x] as number) + (crop.data[(crop.height - 1) * crop.width + x] as number);
    n += 2;
  }
  for (let y = 0; y < crop.height; y++) {
    sum += (crop.data[y * crop.width] as number) + (crop.data[y * crop.width + crop.width - 1] as number);
    n += 2;
  }
  const grey = Math.round(sum / Math.max(1, n));
  return { r: grey, g: grey, b: grey };
}

/** The same word read twice from overlapping regions. */
function sameWord(a: ReadWord, b: ReadWord): boolean {
  if (a.text.toLowerCase() !== b.text.toLowerCase()) return false;
  const w = Math.min(a.box.x + a.box.width, b.box.x + b.box.width) - Math.max(a.box.x, b.box.x);
  const h = Math.min(a.box.y + a.box.height, b.box.y + b.box.height) - Math.max(a.box.y, b.box.y);
  return w > 0 && h > 0;
}

/** Otsu's threshold of a grey buffer. */
function otsu(data: Uint8Array): number {
  const hist = new Float64Array(256);
  for (let i = 0; i < data.length; i++) {
    const v = data[i] as number;
    hist[v] = (hist[v] as number) + 1;
  }
  const total = data.length;
  let sumAll = 0;
  for (let t = 0; t < 256; t++) sumAll += t * (hist[t] as number);
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let threshold = 128;
  for (let t = 0; t < 256; t++) {
    wB += hist[t] as number;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * (hist[t] as number);
    const mB = sumB / wB;
    const mF = (sumAll - sumB) / wF;
    const between = wB * wF * (mB - mF) ** 2;
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  return threshold;
}

/** White margin around a cleaned band (tesseract reads a line best with a margin of page around it). */
const cleanedPad = 16;

/**
 * A band as dark text on a white page: thresholded at Otsu's level of its middle half (mostly the line), inverted
 * when the dark side is the larger there (light letters on a dark plate), ink touching the band's border removed
 * (a plate's edges, clutter above and below the line), and a white margin added. Light letters on a dark plate
 * next to a bright surround, which tesseract's own thresholds read poorly or not at all, read this way. `flip`
 * takes the other side as ink: light letters with a dark outline on a bright, busy surround become dark letters
 * that touch nothing, while the surround, joined to the border, is removed.
 */
export function cleanBand(band: GreyCrop, flip = false): GreyCrop {
  const { width, height } = band;
  const y0 = Math.floor(height * 0.25);
  const y1 = Math.max(y0 + 1, Math.ceil(height * 0.75));
  const middle = band.data.subarray(y0 * width, y1 * width);
  const t = otsu(middle);
  let dark = 0;
  for (let i = 0; i < middle.length; i++) if ((middle[i] as number) <= t) dark++;
  const invert = dark > middle.length / 2 !== flip;
  const ink = Buffer.alloc(width * height);
  for (let i = 0; i < ink.length; i++) ink[i] = (band.data[i] as number) <= t !== invert ? 0 : 255;
  clearBorderInk(ink, width, height);
  const w2 = width + 2 * cleanedPad;
  const h2 = height + 2 * cleanedPad;
  const out = Buffer.alloc(w2 * h2, 255);
  for (let y = 0; y < height; y++) ink.copy(out, (y + cleanedPad) * w2 + cleanedPad, y * width, (y + 1) * width);
  return { data: out, width: w2, height: h2 };
}

/** Removes the ink (0) connected to the image's border, in place. */
function clearBorderInk(data: Buffer, width: number, height: number): void {
  const stack: number[] = [];
  const push = (i: number) => {
    if (data[i] === 0) {
      data[i] = 255;
      stack.push(i);
    }
  };
  for (let x = 0; x < width; x++) {
    push(x);
    push((height - 1) * width + x);
  }
  for (let y = 0; y < height; y++) {
    push(y * width);
    push(y * width + width - 1);
  }
  while (stack.length > 0) {
    const i = stack.pop() as number;
    const x = i % width;
    const y = (i - x) / width;
    if (x > 0) push(i - 1);
    if (x < width - 1) push(i + 1);
    if (y > 0) push(i - width);
    if (y < height - 1) push(i + width);
  }
}
