import { describe, expect, it } from 'vitest';
import { selfTest } from '../../../native-models/doctor/selfTest.js';
import { makeTempDir } from '../../helpers/tempDirs.js';

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
});
