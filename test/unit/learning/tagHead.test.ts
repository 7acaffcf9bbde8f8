import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../native-models/heads/binaryLogistic.js';
import { compileHead, compiledLogit, scoreAllRows, scoreRows, type TagHead } from '../../../native-models/heads/tagHead.js';
import { featureMatrix, fitNormalizer, logitOf, type FeatureSource } from '../../../native-models/learning/features.js';

function randomSource(rows: number, e = 12, s = 5, seed = 1): FeatureSource {
  const random = seededRandom(seed);
  return {
    embeddingDim: e,
    embeddings: Int8Array.from({ length: rows * e }, () => Math.round(random() * 254 - 127)),
    embeddingScales: Float32Array.from({ length: rows }, () => 0.001 + random() * 0.01),
    scoresDim: s,
    scores: Float32Array.from({ length: rows * s }, () => random()),
  };
}

function randomHead(source: FeatureSource, baseIndex: number | null, seed = 2): TagHead {
  const random = seededRandom(seed);
  const dim = source.embeddingDim + source.scoresDim + (baseIndex === null ? 0 : 1);
  return {
    kind: baseIndex === null ? 'new-tag' : 'correction',
    inputs: { embedding: 'e1', scores: 's1' },
    baseIndex,
    normalizer: fitNormalizer(source),
    weights: Array.from({ length: dim }, () => random() * 2 - 1),
    bias: 0.3,
    threshold: 0.5,
  };
}

/** The head's logit computed the slow, obvious way: standardise the features, then dot. */
function referenceLogit(head: TagHead, source: FeatureSource, row: number): number {
  const { x, dim } = featureMatrix(source, [row], head.normalizer, head.baseIndex);
  let z = head.bias;
  for (let j = 0; j < dim; j++) z += (x[j] as number) * (head.weights[j] as number);
  return z;
}

describe('compiled heads', () => {
  const source = randomSource(40);

  it('score exactly as standardise-then-dot does, for new tags and corrections', () => {
    for (const baseIndex of [null, 3]) {
      const head = randomHead(source, baseIndex);
      const compiled = compileHead(head, source.embeddingDim, source.scoresDim);
      for (let row = 0; row < 40; row++) expect(compiledLogit(compiled, source, row)).toBeCloseTo(referenceLogit(head, source, row), 3);
    }
  });

  it('score several heads in one pass the same as one at a time', () => {
    const heads = [randomHead(source, null, 5), randomHead(source, 1, 6), randomHead(source, null, 7)].map((h) => compileHead(h, source.embeddingDim, source.scoresDim));
    const together = scoreAllRows(heads, source);
    heads.forEach((head, k) => {
      const alone = scoreRows(head, source);
      alone.forEach((v, row) => expect((together[k] as Float32Array)[row]).toBeCloseTo(v, 5));
    });
  });

  it('a correction head with weight 1 on the model logit and nothing else reproduces the model', () => {
    const head = randomHead(source, 2);
    head.weights = head.weights.map((_, j) => (j === head.weights.length - 1 ? 1 : 0));
    head.bias = 0;
    const scores = scoreRows(compileHead(head, source.embeddingDim, source.scoresDim), source);
    for (let row = 0; row < 40; row++) expect(scores[row]).toBeCloseTo(1 / (1 + Math.exp(-logitOf(source.scores[row * 5 + 2] as number))), 5);
  });

  it('refuses vectors of another size', () => {
    const head = randomHead(source, null);
    expect(() => compileHead(head, 10, 5)).toThrow(/cannot read/);
  });
});
