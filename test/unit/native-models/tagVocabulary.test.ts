import { describe, expect, it } from 'vitest';
import { cocoClasses } from '../../../native-models/tagger/cocoClasses.js';
import { tagVocabulary } from '../../../native-models/tagger/tagVocabulary.js';
import { objectTagNames } from '../../../native-models/tagger/vocabulary.js';

describe('tagVocabulary', () => {
  it('has a readable name for each COCO class, in COCO order', () => {
    expect(objectTagNames).toHaveLength(80);
    expect(objectTagNames[cocoClasses.indexOf('tv')]).toBe('television');
    expect(objectTagNames[cocoClasses.indexOf('cell phone')]).toBe('mobile phone');
    expect(objectTagNames[cocoClasses.indexOf('dining table')]).toBe('table');
    expect(objectTagNames[cocoClasses.indexOf('person')]).toBe('person');
  });

  it('resolves the COCO spelling of renamed classes through synonyms', () => {
    const resolve = (word: string) => tagVocabulary.find((e) => e.name === word || e.synonyms.includes(word))?.name;
    expect(resolve('tv')).toBe('television');
    expect(resolve('cell phone')).toBe('mobile phone');
    expect(resolve('dining table')).toBe('table');
    expect(resolve('beach')).toBe('sea');
    for (const [i, coco] of cocoClasses.entries()) expect(resolve(coco)).toBe(objectTagNames[i]);
  });

  it('never uses a word twice, since the database keys synonyms by alias', () => {
    const words = tagVocabulary.flatMap((e) => [e.name, ...e.synonyms].map((w) => w.toLowerCase()));
    expect(new Set(words).size).toBe(words.length);
  });

  it('marks objects and scenes', () => {
    // The 80 COCO classes and 'face' (the face detector).
    expect(tagVocabulary.filter((e) => e.kind === 'object')).toHaveLength(81);
    expect(tagVocabulary.find((e) => e.name === 'face')?.synonyms).toContain('faces');
    expect(tagVocabulary.filter((e) => e.kind === 'scene').map((e) => e.name)).toContain('indoor');
  });
});
