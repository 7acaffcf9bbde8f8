import { selfTest } from '../../../native-models/doctor/selfTest.js';

export interface ModelCheck {
  name: string;
  ok: boolean;
  required: boolean;
  detail: string;
}

/**
 * What `phototag doctor` says about the models: which backend the chain chose and why the faster ones were
 * skipped, then one inference per tagger profile with its time ('accurate' reads weights 'fast' does not, so
 * either can be broken alone). Never throws.
 */
export async function checkModels(modelDir?: string): Promise<ModelCheck[]> {
  const result = await selfTest(modelDir ? { modelDir } : {});
  if (!result.ok) {
    return [{ name: 'models', ok: false, required: false, detail: `${result.error} Photos are still indexed (metadata, thumbnails, search); tags come once the models load.` }];
  }
  const { backend } = result;
  const flags = [
    backend.tensorBackend ? `pre- and post-processing on ${backend.tensorBackend}` : null,
    backend.simd === undefined ? null : backend.simd ? 'SIMD' : 'no SIMD',
    backend.threads ? `${backend.threads} thread(s)` : null,
  ].filter(Boolean);
  const skipped = backend.reasons.map((r) => `${r.backend}: ${r.skippedBecause}`).join('; ');
  // A converted model that is missing or damaged runs on wasm; the index goes on, but doctor names the file.
  const fallbacks = backend.fallbacks?.length ? `; ${backend.fallbacks.join('; ')}` : '';
  const accurate = await selfTest({ ...(modelDir ? { modelDir } : {}), profile: 'accurate' });
  return [
    { name: 'model backend', ok: true, required: false, detail: `${backend.name}${flags.length ? ` (${flags.join(', ')})` : ''}${skipped ? `; skipped ${skipped}` : ''}${fallbacks}` },
    {
      name: 'models',
      ok: true,
      required: false,
      detail: `${result.profile} tagger loaded in ${result.loadMs} ms; first inference ${result.firstRunMs} ms (kernel compilation), then ${result.msPerImage} ms per photo on ${backend.threads && backend.threads > 1 ? `${backend.threads} threads` : 'one thread'}`,
    },
    {
      name: 'models accurate',
      ok: accurate.ok,
      required: false,
      detail: accurate.ok
        ? `accurate tagger (--models accurate) loaded in ${accurate.loadMs} ms; ${accurate.msPerImage} ms per photo on one thread`
        : `${accurate.error} --models accurate cannot run; the default 'fast' tagger is unaffected.`,
    },
  ];
}
