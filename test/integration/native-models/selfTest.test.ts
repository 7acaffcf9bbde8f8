import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { selfTest } from '../../../native-models/doctor/selfTest.js';
import { makeTempDir } from '../../helpers/tempDirs.js';

/**
 * The models folder of a packaged app, built from electron-builder's extraResources exactly as the packager copies
 * them (main.ts points modelDir there), so a weight file the app needs but the package leaves out fails here.
 */
function packagedModelsDir(into: string): string {
  const root = path.resolve(import.meta.dirname, '../../..');
  const config = JSON.parse(fs.readFileSync(path.join(root, 'build', 'electron-builder.json'), 'utf8')) as { extraResources: { from: string; to: string; filter: string[] }[] };
  const asRegExp = (glob: string) => new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  for (const entry of config.extraResources.filter((e) => e.to === 'models' || e.to.startsWith('models/'))) {
    const target = path.join(into, entry.to);
    fs.mkdirSync(target, { recursive: true });
    const from = path.join(root, entry.from);
    for (const name of fs.readdirSync(from).filter((n) => entry.filter.some((f) => asRegExp(f).test(n)))) fs.copyFileSync(path.join(from, name), path.join(target, name));
  }
  return path.join(into, 'models');
}

describe('selfTest', () => {
  it('loads the tagger, runs a photo and reports the backend and timing', async () => {
    const result = await selfTest({ backend: 'wasm' });
    if (!result.ok) throw new Error(result.error);
    expect(result.backend.name).toBe('wasm');
    expect(result.msPerImage).toBeGreaterThan(0);
    expect(result.loadMs).toBeGreaterThan(0);
  });

  it('says which model file is missing instead of throwing', async () => {
    const temp = makeTempDir('phototag-nomodels-');
    try {
      const result = await selfTest({ backend: 'wasm', modelDir: temp.dir });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.modelError?.kind).toBe('missing');
      expect(result.modelError?.file).toMatch(/centernet\.json$/);
      expect(result.error).toMatch(/does not exist/);
    } finally {
      temp.cleanup();
    }
  });

  it("runs both profiles from the packaged app's models folder, which holds every weight file they load", async () => {
    const temp = makeTempDir('phototag-packaged-models-');
    try {
      const modelDir = packagedModelsDir(temp.dir);
      for (const profile of ['fast', 'accurate'] as const) {
        const result = await selfTest({ backend: 'wasm', modelDir, profile });
        if (!result.ok) throw new Error(`${profile}: ${result.error}`);
        expect(result.profile).toBe(profile);
      }
    } finally {
      temp.cleanup();
    }
  });

  it("names the YOLOv5 weights when only they are missing, and 'fast' still runs without them", async () => {
    const temp = makeTempDir('phototag-noyolo-');
    try {
      const modelDir = packagedModelsDir(temp.dir);
      fs.rmSync(path.join(modelDir, 'yolov5s'), { recursive: true });
      const accurate = await selfTest({ backend: 'wasm', modelDir, profile: 'accurate' });
      expect(accurate.ok).toBe(false);
      if (accurate.ok) return;
      expect(accurate.modelError?.kind).toBe('missing');
      expect(accurate.modelError?.file).toMatch(/yolov5s[\\/]model\.json$/);
      expect((await selfTest({ backend: 'wasm', modelDir, profile: 'fast' })).ok).toBe(true);
    } finally {
      temp.cleanup();
    }
  });
});
