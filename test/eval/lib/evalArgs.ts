import { parseArgs } from 'node:util';
import type { SplitName } from './tagDataset.js';

export interface EvalArgs {
  data: string;
  split: SplitName;
  json: boolean;
  write: boolean;
  profile?: string;
  /** Start the backend chain here (e.g. wasm, onnxruntime), to compare backends on the same photos. */
  backend?: string;
}

/** `--data <dir> [--split dev|test|all] [--json] [--write] [--profile fast|accurate] [--backend <name>]`. */
export function evalArgs(defaultData: () => string, defaultSplit: SplitName): EvalArgs {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      split: { type: 'string' },
      json: { type: 'boolean', default: false },
      write: { type: 'boolean', default: false },
      profile: { type: 'string' },
      backend: { type: 'string' },
    },
  });
  const split = (values.split ?? defaultSplit) as SplitName;
  if (!['dev', 'test', 'all'].includes(split)) throw new Error(`--split must be dev, test or all, not '${split}'`);
  const args: EvalArgs = { data: values.data ?? defaultData(), split, json: values.json ?? false, write: values.write ?? false };
  if (values.profile) args.profile = values.profile;
  if (values.backend) args.backend = values.backend;
  return args;
}
