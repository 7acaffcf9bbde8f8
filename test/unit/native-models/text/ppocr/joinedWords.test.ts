import { describe, expect, it } from 'vitest';
import { joinedWordCuts } from '../../../../../native-models/text/ppocr/joinedWords.js';

const split = (text: string) => {
  let start = 0;
  return joinedWordCuts(text).map((end) => {
    const piece = text.slice(start, end);
    start = end;
    return piece;
  });
};

describe('joined words', () => {
  it('splits English words read without the space between them, into the fewest pieces', () => {
    expect(split('breakfastwifi')).toEqual(['breakfast', 'wifi']);
    expect(split('ROUTERPRINTERHOTEL')).toEqual(['ROUTER', 'PRINTER', 'HOTEL']);
  });

  it('leaves English words, names, short runs and words with digits whole', () => {
    expect(split('breakfast')).toEqual(['breakfast']);
    expect(split('retsina')).toEqual(['retsina']);
    expect(split('retsing')).toEqual(['retsing']);
    expect(split('wifi5g')).toEqual(['wifi5g']);
    expect(split('hotel')).toEqual(['hotel']);
  });
});
