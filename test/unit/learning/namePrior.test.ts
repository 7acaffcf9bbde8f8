import { describe, expect, it } from 'vitest';
import { classesNamedBy } from '../../../electron/core/learning/namePrior.js';
import { cocoClasses } from '../../../native-models/tagger/cocoClasses.js';

const named = (tag: string) => classesNamedBy(tag).map((i) => cocoClasses[i]);

describe('a new tag name as a prior', () => {
  it('finds the detector classes WordNet places under a word of the name, plural or not', () => {
    expect(named('vehicle')).toEqual(expect.arrayContaining(['car', 'bicycle', 'boat', 'airplane', 'train', 'truck', 'motorcycle']));
    expect(named('my vehicles')).toEqual(named('vehicle'));
    expect(named('Food')).toEqual(expect.arrayContaining(['banana', 'pizza', 'cake', 'broccoli', 'hot dog']));
    expect(named('food')).not.toContain('dining table');
    expect(named('dogs')).toEqual(['dog']);
  });

  it('finds none for a name WordNet places over no detector class', () => {
    for (const tag of ['pet', 'sport', 'nature', 'holiday 2019', 'c3 k10 d0']) expect(named(tag)).toEqual([]);
  });
});
