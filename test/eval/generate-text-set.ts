import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildTextSet } from './lib/textSet.js';

/** `tsx test/eval/generate-text-set.ts [--out <dir>] [--seed N] [--per-split N]`: builds the text eval set. */
const { values } = parseArgs({ options: { out: { type: 'string' }, seed: { type: 'string' }, 'per-split': { type: 'string' } } });
const out = values.out ?? path.join(os.tmpdir(), 'phototag-text-set');
const manifest = await buildTextSet(out, {
  ...(values.seed ? { seed: Number(values.seed) } : {}),
  ...(values['per-split'] ? { perSplit: Number(values['per-split']) } : {}),
});
console.log(`${manifest.items.length} photos in ${out} (seed ${manifest.seed})`);
