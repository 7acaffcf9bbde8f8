import { describe, expect, it } from 'vitest';
import { composeCaption } from '../../../native-models/captioner/composeCaption.js';
import { countedNoun, plural } from '../../../native-models/captioner/language.js';

describe('composeCaption', () => {
  it('names people with their counts and what they ride', () => {
    const caption = composeCaption({
      objects: [
        { name: 'person', score: 0.9, box: [0.4, 0.1, 0.6, 0.7] },
        { name: 'horse', score: 0.9, box: [0.3, 0.4, 0.7, 0.95] },
      ],
    });
    expect(caption).toBe('A person riding a horse in a field.');
  });

  it('puts a pet on the furniture it lies on, with the time of day from EXIF', () => {
    const caption = composeCaption({
      objects: [
        { name: 'dog', score: 0.9, box: [0.3, 0.35, 0.6, 0.6] },
        { name: 'couch', score: 0.8, box: [0.05, 0.3, 0.95, 0.9] },
      ],
      takenAt: '2019-06-01T19:30:00',
    });
    expect(caption).toBe('A dog on a couch, in the evening.');
  });

  it('applies its rules to the readable tag names the tagger emits (table, sofa, fridge)', () => {
    const cups = [0.1, 0.3, 0.5, 0.7].map((x) => ({ name: 'cup', score: 0.9, box: [x, 0.3, x + 0.15, 0.45] as const }));
    const caption = composeCaption({ objects: [...cups, { name: 'table', score: 0.7, box: [0, 0.2, 1, 1] }] });
    expect(caption).toBe('Four cups on a table.');
    const pet = composeCaption({
      objects: [
        { name: 'dog', score: 0.9, box: [0.3, 0.35, 0.6, 0.6] },
        { name: 'sofa', score: 0.8, box: [0.05, 0.3, 0.95, 0.9] },
      ],
    });
    expect(pet).toBe('A dog on a couch.');
    expect(composeCaption({ objects: [{ name: 'fridge', score: 0.9, box: [0.1, 0.1, 0.5, 0.9] }] })).toBe('A fridge in a kitchen.');
  });

  it('counts groups of people', () => {
    const people = Array.from({ length: 6 }, (_, i) => ({ name: 'person', score: 0.8, box: [i * 0.15, 0.2, i * 0.15 + 0.1, 0.8] as const }));
    expect(composeCaption({ objects: people })).toBe('A group of people.');
  });

  it('says where when the scene is clear and nothing else is there', () => {
    expect(composeCaption({ objects: [], scenes: [{ name: 'mountain', confidence: 0.9 }] })).toBe('A view in the mountains.');
    expect(composeCaption({ objects: [] })).toBe('A photo with no recognisable objects.');
  });
});

describe('English helpers', () => {
  it('pluralise and count', () => {
    expect(plural('person')).toBe('people');
    expect(plural('wine glass')).toBe('wine glasses');
    expect(plural('teddy bear')).toBe('teddy bears');
    expect(countedNoun('elephant', 1)).toBe('an elephant');
    expect(countedNoun('umbrella', 1)).toBe('an umbrella');
    expect(countedNoun('cat', 2)).toBe('two cats');
    expect(countedNoun('broccoli', 3)).toBe('broccoli');
  });
});
