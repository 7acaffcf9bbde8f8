import type { AnalyzerInput, PhotoAnalysis, PhotoAnalyzer } from '../../electron/core/pipeline/PhotoAnalyzer.js';

/**
 * A small real analyzer over the actual pixels (mean brightness, colour balance) standing in for the neural models
 * in tests of the API's rules for model output versus user corrections. Its confidences vary per photo, so the
 * review queue has a real order to check.
 */
export class PixelAnalyzer implements PhotoAnalyzer {
  readonly version: string;
  readonly vocabulary = [
    { name: 'bright', kind: 'rule', synonyms: ['light'] },
    { name: 'dark', kind: 'rule', synonyms: [] },
    { name: 'reddish', kind: 'rule', synonyms: [] },
    { name: 'bluish', kind: 'rule', synonyms: [] },
  ];
  readonly batchSize = 4;
  readonly parallelism = 1;
  analysed = 0;

  constructor(version = 'pixels-1') {
    this.version = version;
  }

  async analyzeBatch(inputs: readonly AnalyzerInput[]): Promise<PhotoAnalysis[]> {
    this.analysed += inputs.length;
    return inputs.map(({ preview }) => {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let i = 0; i < preview.data.length; i += 3) {
        r += preview.data[i] as number;
        g += preview.data[i + 1] as number;
        b += preview.data[i + 2] as number;
      }
      const mean = (r + g + b) / (preview.data.length * 255);
      const sum = r + g + b || 1;
      return {
        tags: [
          { name: mean > 0.42 ? 'bright' : 'dark', kind: 'rule', confidence: Math.min(0.99, 0.5 + Math.abs(mean - 0.42)) },
          { name: 'reddish', kind: 'rule', confidence: (3 * r) / sum / 2 },
          { name: 'bluish', kind: 'rule', confidence: (3 * b) / sum / 2 },
        ],
        caption: `A ${mean > 0.42 ? 'bright' : 'dark'} photo`,
        vectors: [],
      };
    });
  }

  async close(): Promise<void> {}
}
