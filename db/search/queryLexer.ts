import { QueryError } from './QueryError.js';

export type OperatorKind = 'lparen' | 'rparen' | 'or' | 'and' | 'not' | 'minus';

export type QueryToken =
  | { kind: OperatorKind; position: number; length: number }
  | {
      kind: 'term';
      position: number;
      length: number;
      /** Lower-cased field name for `field:value`, else null. */
      field: string | null;
      value: string;
      valuePosition: number;
      valueLength: number;
      quoted: boolean;
      /** The word ended in `*`: match any word it starts. */
      starred: boolean;
    };

const keywords: Record<string, OperatorKind> = { OR: 'or', AND: 'and', NOT: 'not' };
/** Only two or more letters make a field name, so times (12:30) and drive letters (C:\) stay ordinary words. */
const fieldPattern = /^([A-Za-z]{2,}):/;
const wordEnd = /[\s()"]/;

/** Splits a query into terms and operators. Only an unclosed quote is an error at this stage. */
export function lexQuery(text: string): QueryToken[] {
  const tokens: QueryToken[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')') {
      tokens.push({ kind: ch === '(' ? 'lparen' : 'rparen', position: i, length: 1 });
      i++;
    } else if (ch === '"') {
      const close = closingQuote(text, i, i);
      const value = text.slice(i + 1, close);
      tokens.push({ kind: 'term', position: i, length: close + 1 - i, field: null, value, valuePosition: i + 1, valueLength: value.length, quoted: true, starred: false });
      i = close + 1;
    } else if (ch === '-' && i + 1 < text.length && !/[\s)]/.test(text[i + 1] as string)) {
      tokens.push({ kind: 'minus', position: i, length: 1 });
      i++;
    } else {
      i = lexWord(text, i, tokens);
    }
  }
  return tokens;
}

function lexWord(text: string, start: number, tokens: QueryToken[]): number {
  let end = start;
  while (end < text.length && !wordEnd.test(text[end] as string)) end++;
  const word = text.slice(start, end);
  const keyword = keywords[word];
  if (keyword) {
    tokens.push({ kind: keyword, position: start, length: word.length });
    return end;
  }
  const field = fieldPattern.exec(word);
  if (field) {
    const name = (field[1] as string).toLowerCase();
    const valueStart = start + field[0].length;
    if (valueStart === end && text[end] === '"') {
      const close = closingQuote(text, end, start);
      const value = text.slice(end + 1, close);
      tokens.push({ kind: 'term', position: start, length: close + 1 - start, field: name, value, valuePosition: end + 1, valueLength: value.length, quoted: true, starred: false });
      return close + 1;
    }
    const value = text.slice(valueStart, end);
    tokens.push({ kind: 'term', position: start, length: end - start, field: name, value, valuePosition: valueStart, valueLength: value.length, quoted: false, starred: false });
    return end;
  }
  const starred = word.length > 1 && word.endsWith('*');
  const value = starred ? word.replace(/\*+$/, '') : word;
  tokens.push({ kind: 'term', position: start, length: end - start, field: null, value, valuePosition: start, valueLength: value.length, quoted: false, starred });
  return end;
}

/** The index of the quote closing the one at `open`; `termStart` is where the quoted term began, for the message. */
function closingQuote(text: string, open: number, termStart: number): number {
  const close = text.indexOf('"', open + 1);
  if (close >= 0) return close;
  throw new QueryError(
    `Unclosed quote at column ${open + 1}: ${text.slice(termStart)} (add the closing ")`,
    open,
    text.length - open,
  );
}
