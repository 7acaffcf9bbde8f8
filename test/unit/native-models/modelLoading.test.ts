import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadGraphModelFile } from '../../../native-models/loading/loadGraphModelFile.js';
import { ModelLoadError } from '../../../native-models/loading/ModelLoadError.js';
import { defaultModelDir } from '../../../native-models/loading/modelDir.js';
import { makeTempDir } from '../../helpers/tempDirs.js';

const shipped = defaultModelDir();
let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function tempModel(mutate: (dir: string) => void): string {
  const temp = makeTempDir('phototag-model-');
  cleanup = temp.cleanup;
  for (const f of ['nanodet.json', 'nanodet.bin']) fs.copyFileSync(path.join(shipped, f), path.join(temp.dir, f));
  mutate(temp.dir);
  return path.join(temp.dir, 'nanodet.json');
}

async function loadError(file: string): Promise<ModelLoadError> {
  try {
    await loadGraphModelFile(file);
  } catch (error) {
    expect(error).toBeInstanceOf(ModelLoadError);
    return error as ModelLoadError;
  }
  throw new Error('expected the load to fail');
}

describe('loadGraphModelFile', () => {
  it('reports a missing model description as missing, naming the file', async () => {
    const file = tempModel((dir) => fs.rmSync(path.join(dir, 'nanodet.json')));
    const error = await loadError(file);
    expect(error.kind).toBe('missing');
    expect(error.file).toBe(file);
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/reinstall/i);
  });

  it('reports a missing weights file as missing', async () => {
    const file = tempModel((dir) => fs.rmSync(path.join(dir, 'nanodet.bin')));
    const error = await loadError(file);
    expect(error.kind).toBe('missing');
    expect(error.file).toMatch(/nanodet\.bin$/);
  });

  it('reports a truncated weights file as corrupt, with the sizes', async () => {
    const file = tempModel((dir) => {
      const bin = path.join(dir, 'nanodet.bin');
      fs.truncateSync(bin, Math.floor(fs.statSync(bin).size / 2));
    });
    const error = await loadError(file);
    expect(error.kind).toBe('corrupt');
    expect(error.file).toMatch(/nanodet\.bin$/);
    expect(error.message).toMatch(/truncated/);
  });

  it('reports an unparsable model description as corrupt', async () => {
    const file = tempModel((dir) => fs.writeFileSync(path.join(dir, 'nanodet.json'), '{"modelTopology": {"node": ['));
    const error = await loadError(file);
    expect(error.kind).toBe('corrupt');
    expect(error.message).toMatch(/not valid JSON/);
  });

  it('loads an intact copy', async () => {
    const model = await loadGraphModelFile(tempModel(() => undefined));
    expect(model.inputs[0]?.shape).toEqual([1, 3, 416, 416]);
    model.dispose();
  });
});
