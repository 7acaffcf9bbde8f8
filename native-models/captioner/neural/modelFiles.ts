import fs from 'node:fs';
import path from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { expectedWeightBytes } from '../../loading/weightBytes.js';
import { CaptionPackError, packHint } from './CaptionPackError.js';

export type PackModelFormat = 'layers-model' | 'graph-model';
/** Which half of the captioner a model is; used in every message so the user knows which folder to look at. */
export type PackModelRole = 'encoder' | 'decoder';

/** What is on disk for one model, checked before tfjs sees it. */
export interface ModelFiles {
  role: PackModelRole;
  modelJson: string;
  format: PackModelFormat;
  weightFiles: string[];
}

interface ModelJsonShape {
  format?: unknown;
  modelTopology?: { node?: unknown; class_name?: unknown; model_config?: unknown; config?: unknown };
  weightsManifest?: tf.io.WeightsManifestConfig;
}

function detectFormat(json: ModelJsonShape): PackModelFormat | null {
  if (json.format === 'layers-model' || json.format === 'graph-model') return json.format;
  // Older converters wrote no "format"; the topology tells the two apart (a GraphDef has nodes, Keras has a class).
  const topology = json.modelTopology;
  if (Array.isArray(topology?.node)) return 'graph-model';
  if (topology && (topology.class_name !== undefined || topology.model_config !== undefined)) return 'layers-model';
  return null;
}

const inside = (root: string, file: string) => {
  const relative = path.relative(root, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
};

/**
 * Reads model.json and checks its weight shards exist and add up to what the manifest needs, so a half-copied
 * pack is reported as such (naming the file and the byte counts) rather than as an out-of-range read inside tfjs.
 */
export function inspectModelFiles(role: PackModelRole, modelJson: string, packDir: string): ModelFiles {
  let text: string;
  try {
    text = fs.readFileSync(modelJson, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CaptionPackError('missing-file', modelJson, `The caption pack's ${role} ${modelJson} does not exist. ${packHint}`, { cause: error });
    throw new CaptionPackError('invalid-model', modelJson, `The caption pack's ${role} ${modelJson} cannot be read (${code ?? String(error)}). Check its permissions.`, { cause: error });
  }
  const notAModel = (why: string) =>
    new CaptionPackError('invalid-model', modelJson, `The caption pack's ${role} ${modelJson} is not a tfjs model: ${why}. Convert the model with tensorflowjs_converter, or ${packHint.toLowerCase()}`);
  let json: ModelJsonShape;
  try {
    json = JSON.parse(text) as ModelJsonShape;
  } catch (error) {
    throw notAModel(`it is not valid JSON (${(error as Error).message})`);
  }
  if (json === null || typeof json !== 'object') throw notAModel('it is not a JSON object');
  const format = detectFormat(json);
  if (!format) throw notAModel('it has neither a layers topology nor a graph (no "format", "modelTopology.class_name" or "modelTopology.node")');
  if (!Array.isArray(json.weightsManifest)) throw notAModel('it has no weightsManifest');

  const dir = path.dirname(modelJson);
  const weightFiles: string[] = [];
  const specs: tf.io.WeightsManifestEntry[] = [];
  for (const group of json.weightsManifest) {
    for (const shard of group.paths ?? []) {
      const file = path.resolve(dir, shard);
      if (!inside(packDir, file)) throw notAModel(`its weight file "${shard}" lies outside the pack folder`);
      weightFiles.push(file);
    }
    specs.push(...(group.weights ?? []));
  }
  let onDisk = 0;
  for (const file of weightFiles) {
    try {
      onDisk += fs.statSync(file).size;
    } catch (error) {
      throw new CaptionPackError('missing-file', file, `The caption pack's ${role} weights ${file} (listed in ${modelJson}) do not exist. ${packHint}`, { cause: error });
    }
  }
  let needed: number;
  try {
    needed = expectedWeightBytes(specs);
  } catch (error) {
    throw notAModel((error as Error).message);
  }
  const shards = weightFiles.join(', ') || 'none';
  if (onDisk < needed) {
    throw new CaptionPackError(
      'truncated-weights',
      weightFiles[weightFiles.length - 1] ?? modelJson,
      `The caption pack's ${role} weights (${shards}) hold ${onDisk} bytes but ${modelJson} needs ${needed}: the copy is incomplete. ${packHint}`,
    );
  }
  if (onDisk > needed) {
    throw new CaptionPackError('invalid-model', modelJson, `The caption pack's ${role} weights (${shards}) hold ${onDisk} bytes but ${modelJson} describes ${needed}: they belong to another model. ${packHint}`);
  }
  return { role, modelJson, format, weightFiles };
}
