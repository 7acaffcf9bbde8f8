import { describe, expect, it } from 'vitest';
import { bleu, ciderD, tokenize } from '../../eval/caption-metrics.js';

const refs = [
  ['A man riding a wave on top of a surfboard.', 'A surfer rides a large wave in the ocean.', 'A person on a surfboard riding a wave.'],
  ['A cat sleeping on a couch.', 'A grey cat lying on a sofa.', 'A cat curled up on the couch.'],
  ['Two dogs playing in the grass.', 'Dogs run across a green lawn.', 'A pair of dogs play on the grass.'],
];

describe('caption metrics', () => {
  it('tokenise like the COCO evaluation (lower case, no punctuation)', () => {
    expect(tokenize('A Man, riding!')).toEqual(['a', 'man', 'riding']);
  });

  it('give a perfect BLEU to a candidate equal to a reference', () => {
    const scores = bleu(refs.map((r) => r[0] as string), refs);
    for (const s of scores) expect(s).toBeCloseTo(1, 5);
  });

  it('rank a relevant caption above a trivial one', () => {
    const good = ['A person riding a wave on a surfboard.', 'A cat lying on a couch.', 'Two dogs playing on the grass.'];
    const trivial = ['a photo of a person', 'a photo of a cat', 'a photo of a dog'];
    expect(ciderD(good, refs)).toBeGreaterThan(2 * ciderD(trivial, refs));
    expect(bleu(good, refs)[3]).toBeGreaterThan(bleu(trivial, refs)[3] as number);
  });

  it('score unrelated captions near zero', () => {
    expect(ciderD(['x y z', 'x y z', 'x y z'], refs)).toBeLessThan(0.01);
  });
});
