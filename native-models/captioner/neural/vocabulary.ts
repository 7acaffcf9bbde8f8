import fs from 'node:fs';
import { CaptionPackError, packHint } from './CaptionPackError.js';
import type { SpecialTokens } from './manifest.js';

/** The decoder's output space: token id i is `tokens[i]`, and the ids of the tokens that steer decoding. */
export interface Vocabulary {
  readonly tokens: readonly string[];
  readonly startId: number;
  readonly endId: number;
  readonly padId: number;
  readonly unkId: number;
}

function invalid(file: string, why: string): CaptionPackError {
  return new CaptionPackError('invalid-vocabulary', file, `The caption pack vocabulary ${file} is invalid: ${why}. ${packHint}`);
}

/** Checks a parsed vocabulary (a JSON array, index = token id) and finds the special tokens in it. */
export function parseVocabulary(json: unknown, special: SpecialTokens, file: string): Vocabulary {
  if (!Array.isArray(json)) throw invalid(file, `expected a JSON array of token strings (index i = token id i), got ${json === null ? 'null' : typeof json}`);
  const bad = json.findIndex((t) => typeof t !== 'string');
  if (bad >= 0) throw invalid(file, `entry ${bad} is ${JSON.stringify(json[bad])}, not a string`);
  const tokens = json as string[];
  if (tokens.length < 4) throw invalid(file, `it has ${tokens.length} tokens; it needs at least the four special tokens`);
  const idOf = (role: keyof SpecialTokens): number => {
    const token = special[role];
    const first = tokens.indexOf(token);
    // A token listed twice would make "stop at <end>" depend on which copy the decoder happens to favour.
    if (first < 0) throw invalid(file, `the ${role} token "${token}" named in caption-pack.json specialTokens.${role} is not in it`);
    const second = tokens.indexOf(token, first + 1);
    if (second >= 0) throw invalid(file, `the ${role} token "${token}" appears twice (ids ${first} and ${second})`);
    return first;
  };
  return { tokens, startId: idOf('start'), endId: idOf('end'), padId: idOf('pad'), unkId: idOf('unk') };
}

export function readVocabulary(file: string, special: SpecialTokens): Vocabulary {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CaptionPackError('missing-file', file, `The caption pack vocabulary ${file} does not exist. ${packHint}`, { cause: error });
    throw invalid(file, `it cannot be read (${code ?? String(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw invalid(file, `it is not valid JSON (${(error as Error).message})`);
  }
  return parseVocabulary(json, special, file);
}
