import type { BackendName, BackendSelection } from '../backends/BackendCandidate.js';
import { ModelLoadError } from '../loading/ModelLoadError.js';
import { createTagger } from '../tagger/createTagger.js';
import type { TaggerProfile } from '../tagger/taggerProfile.js';
import type { RawRgbImage } from '../tagger/types.js';

export type SelfTestResult =
  | { ok: true; backend: BackendSelection; profile: TaggerProfile; loadMs: number; firstRunMs: number; msPerImage: number }
  | { ok: false; error: string; modelError?: { kind: 'missing' | 'corrupt'; file: string } };

/** A 640×480 grey gradient: enough to exercise every op without shipping a test photo. */
function syntheticPhoto(): RawRgbImage {
  const width = 640;
  const height = 480;
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.fill((x + y) % 256, (y * width + x) * 3, (y * width + x) * 3 + 3);
  return { data, width, height, channels: 3 };
}

/**
 * Loads the tagger on the best available backend and times one photo through it (after a warm-up run, which
 * compiles kernels and is reported separately). For `phototag doctor`: never throws, says what went wrong.
 */
export async function selfTest(options: { backend?: BackendName; modelDir?: string; profile?: TaggerProfile } = {}): Promise<SelfTestResult> {
  const profile = options.profile ?? 'fast';
  try {
    const t0 = performance.now();
    const tagger = await createTagger({ ...options, profile });
    const t1 = performance.now();
    const photo = syntheticPhoto();
    await tagger.tagBatch([photo]);
    const t2 = performance.now();
    await tagger.tagBatch([photo]);
    const t3 = performance.now();
    tagger.dispose();
    return { ok: true, backend: tagger.backend, profile, loadMs: Math.round(t1 - t0), firstRunMs: Math.round(t2 - t1), msPerImage: Math.round(t3 - t2) };
  } catch (error) {
    const result: SelfTestResult = { ok: false, error: (error as Error).message };
    if (error instanceof ModelLoadError) result.modelError = { kind: error.kind, file: error.file };
    return result;
  }
}
