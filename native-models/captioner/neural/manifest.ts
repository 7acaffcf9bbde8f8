import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CaptionPackError, packHint } from './CaptionPackError.js';

export const manifestFileName = 'caption-pack.json';
export const supportedFormatVersion = 1;

/** A file inside the pack: relative, and never reaching outside the pack's folder (a pack must not read ~/.ssh). */
const packFile = z
  .string()
  .min(1)
  .refine((p) => !path.isAbsolute(p) && !p.split(/[\\/]/).includes('..'), 'must be a path inside the pack folder (relative, no "..")');

const rgb = z.tuple([z.number(), z.number(), z.number()]);
const positiveRgb = z.tuple([z.number().positive(), z.number().positive(), z.number().positive()]);

const imageSchema = z
  .object({
    width: z.number().int().min(1).max(4096),
    height: z.number().int().min(1).max(4096),
    /** 'stretch' as tf.image.resize does (the Keras example); 'center-crop' keeps the aspect ratio and cuts the sides. */
    resize: z.enum(['stretch', 'center-crop']).default('stretch'),
    /**
     * Model input = (pixel × scale − mean) / std, per RGB channel, pixel in 0..255. No defaults: silently wrong
     * normalisation still produces fluent but wrong captions, so the pack must say what it was trained with.
     */
    scale: z.number().positive(),
    mean: rgb,
    std: positiveRgb,
  })
  .strict();

const specialTokensSchema = z
  .object({
    start: z.string(),
    end: z.string(),
    // Keras' TextVectorization pads with '' and calls the unknown word '[UNK]', so empty strings are legitimate.
    pad: z.string(),
    unk: z.string(),
  })
  .strict();

const encoderSchema = z
  .object({
    model: packFile.default('encoder/model.json'),
    /** Needed only when the encoder has several outputs. */
    output: z.string().min(1).optional(),
  })
  .strict();

const decoderSchema = z
  .object({
    model: packFile.default('decoder/model.json'),
    /** Whether the decoder's last layer is a softmax ('probabilities', as in the Keras example) or not ('logits'). */
    predicts: z.enum(['probabilities', 'logits']),
    /** Input names; needed when the decoder has more than a tokens and a features input (e.g. a padding mask). */
    inputs: z
      .object({ tokens: z.string().min(1), features: z.string().min(1), mask: z.string().min(1).optional() })
      .strict()
      .optional(),
    output: z.string().min(1).optional(),
  })
  .strict();

const manifestSchema = z
  .object({
    format: z.literal('phototag-caption-pack'),
    formatVersion: z.literal(supportedFormatVersion),
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2000).optional(),
    image: imageSchema,
    /** Most tokens generated after <start>, counting <end>. */
    maxCaptionLength: z.number().int().min(1).max(512),
    vocabulary: packFile.default('vocabulary.json'),
    specialTokens: specialTokensSchema,
    encoder: encoderSchema.default({ model: 'encoder/model.json' }),
    decoder: decoderSchema,
  })
  .strict();

export type CaptionPackManifest = z.infer<typeof manifestSchema>;
export type ImageSpec = CaptionPackManifest['image'];
export type SpecialTokens = CaptionPackManifest['specialTokens'];

function invalid(file: string, why: string): CaptionPackError {
  return new CaptionPackError('invalid-manifest', file, `The caption pack manifest ${file} is invalid: ${why}. Fix it (the pack format is described in Phototag's source, native-models/captioner/neural/README.md), or ${packHint.toLowerCase()}`);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
  const missing = issue.code === 'invalid_type' && /received undefined$/.test(issue.message);
  return `${where}: ${missing ? 'is required' : issue.message}`;
}

/** Validates a parsed manifest; `file` is only used in messages. */
export function parseManifest(json: unknown, file: string): CaptionPackManifest {
  // A newer pack deserves "update Phototag", not a bare "expected 1".
  const version = (json as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === 'number' && version > supportedFormatVersion) {
    throw new CaptionPackError(
      'invalid-manifest',
      file,
      `The caption pack ${file} uses format version ${version}, but this Phototag reads version ${supportedFormatVersion}. Update Phototag, or get a version ${supportedFormatVersion} build of the pack.`,
    );
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) throw invalid(file, parsed.error.issues.map(describeIssue).join('; '));
  const tokens = parsed.data.specialTokens;
  const roles = Object.entries(tokens);
  for (const [role, token] of roles) {
    const clash = roles.find(([other, t]) => other !== role && t === token);
    if (clash) throw invalid(file, `specialTokens.${role} and specialTokens.${clash[0]} are both "${token}"; each special token must be distinct`);
  }
  return parsed.data;
}

/** Reads and validates `caption-pack.json` from a pack folder. */
export function readManifest(packDir: string): CaptionPackManifest {
  const file = path.join(packDir, manifestFileName);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new CaptionPackError('missing-file', file, `${packDir} has no ${manifestFileName}, so it is not a caption pack. Point Phototag at the folder that holds ${manifestFileName}, or ${packHint.toLowerCase()}`, { cause: error });
    }
    throw new CaptionPackError('invalid-manifest', file, `The caption pack manifest ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}). Check its permissions.`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw invalid(file, `it is not valid JSON (${(error as Error).message})`);
  }
  return parseManifest(json, file);
}
