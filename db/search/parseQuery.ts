import { QueryError } from './QueryError.js';
import type { ParsedQuery, QueryNode, Span } from './queryAst.js';
import { fieldNode } from './queryFields.js';
import { lexQuery, type QueryToken } from './queryLexer.js';

export interface ParseOptions {
  /**
   * Treat the last bare word as the start of a word (`beac` finds beach) when nothing follows it, not even a
   * space, and it has at least MIN_PREFIX_LENGTH letters: the box is searched as the user types. Default true.
   */
  prefixLastWord?: boolean;
}

/** Shorter prefixes match most of a library and say little; the user is still typing. */
export const MIN_PREFIX_LENGTH = 3;
/** A bound on the FTS expression a query can build; no one types more. */
export const MAX_TERMS = 64;
/**
 * How deep parentheses and negations may nest. The parser (and the compiler after it) recurse once per level, so
 * without a bound a pasted "((((…" of a few thousand overflows the stack; no one types more than a few.
 */
export const MAX_DEPTH = 32;

const wordChar = /[\p{L}\p{N}]/u;

/**
 * Parses the search box. Precedence, tightest first: `-` and `NOT`, then AND (also implied between terms), then OR;
 * so `a b OR c` is `(a AND b) OR c`. Terms with no letters or digits (`&`, a lone `-`) are ignored beside others,
 * but a query of nothing else is an error (see Parser.parse). Throws QueryError for anything malformed, pointing
 * at it.
 */
export function parseQuery(text: string, options: ParseOptions = {}): ParsedQuery {
  const parser = new Parser(text, lexQuery(text), options.prefixLastWord ?? true);
  return { text, root: parser.parse() };
}

type Kind = QueryToken['kind'] | 'end';

class Parser {
  private index = 0;
  private terms = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: QueryToken[],
    private readonly prefixLastWord: boolean,
  ) {}

  parse(): QueryNode | null {
    const root = this.parseOr();
    const extra = this.tokens[this.index];
    if (extra) {
      // parseOr stops only at the end or at a ')' with no '(' to close.
      throw this.error(`Unmatched ")" at column ${extra.position + 1}: ${this.around(extra)} (remove it, or add a "(" before it)`, extra);
    }
    const first = this.tokens[0];
    const last = this.tokens[this.tokens.length - 1];
    if (root === null && first && last) {
      // Terms were typed but none can match anything: emoji, punctuation and invisible characters (a zero-width
      // space) are not indexed, since the tokenizer splits words on them. Treating the query as empty would answer
      // every photo, as if the box were blank; an empty result would look like "no such photos" when the query
      // could never find any. So say what is wrong, as for any other query that cannot work.
      const span = { position: first.position, length: last.position + last.length - first.position };
      throw this.error(
        `Nothing to search for at column ${first.position + 1}: ${visible(this.text.slice(span.position, span.position + span.length))} has no letters or digits ` +
          '(emoji, punctuation and invisible characters are not indexed; search for words, e.g. dog, or a tag, e.g. tag:dog)',
        span,
      );
    }
    return root;
  }

  private parseOr(): QueryNode | null {
    if (this.peek() === 'or') throw this.nothingBefore(this.current());
    const children: QueryNode[] = [];
    const first = this.parseAnd();
    if (first) children.push(first);
    while (this.peek() === 'or') {
      const or = this.next();
      const right = this.parseAnd();
      if (!right) throw this.nothingAfter(or);
      if (children.length === 0) throw this.nothingBefore(or);
      children.push(right);
    }
    return group('or', children);
  }

  private parseAnd(): QueryNode | null {
    const children: QueryNode[] = [];
    for (;;) {
      const kind = this.peek();
      if (kind === 'end' || kind === 'rparen' || kind === 'or') break;
      if (kind === 'and') {
        const and = this.next();
        if (children.length === 0) throw this.nothingBefore(and);
        if (['end', 'rparen', 'or', 'and'].includes(this.peek())) throw this.nothingAfter(and);
        continue;
      }
      const node = this.parseUnary();
      if (node) children.push(node);
    }
    return group('and', children);
  }

  private parseUnary(): QueryNode | null {
    const kind = this.peek();
    if (kind !== 'not' && kind !== 'minus') return this.parsePrimary();
    const op = this.next();
    if (['end', 'rparen', 'or', 'and'].includes(this.peek())) throw this.nothingAfter(op);
    this.enter(op);
    const child = this.parseUnary();
    this.depth--;
    if (!child) throw this.nothingAfter(op);
    return { type: 'not', child, span: spanOf(op, child.span) };
  }

  private parsePrimary(): QueryNode | null {
    const token = this.next();
    if (token.kind === 'lparen') {
      this.enter(token);
      const inner = this.parseOr();
      this.depth--;
      if (this.peek() !== 'rparen') {
        throw this.error(`Unclosed parenthesis at column ${token.position + 1}: ${this.text.slice(token.position)} (add a ")")`, token);
      }
      const close = this.next();
      if (!inner) throw this.error(`Empty parentheses at column ${token.position + 1}: ${this.around(token)} (put a term inside, or remove them)`, { position: token.position, length: close.position + 1 - token.position });
      return inner;
    }
    if (token.kind !== 'term') throw new Error(`parser reached a ${token.kind} token where a term belongs`);
    if (++this.terms > MAX_TERMS) throw this.error(`Too many terms at column ${token.position + 1}: a query may have at most ${MAX_TERMS}`, token);
    const span = { position: token.position, length: token.length };
    if (token.field !== null) {
      return fieldNode({
        field: token.field,
        value: token.value,
        quoted: token.quoted,
        span,
        valueSpan: { position: token.valuePosition, length: token.valueLength },
        source: this.text.slice(token.position, token.position + token.length),
      });
    }
    if (!wordChar.test(token.value)) return null;
    return { type: 'text', text: token.value, phrase: token.quoted, prefix: token.starred || this.typingLastWord(token), span };
  }

  /** The last word of the box, with the cursor still on it. */
  private typingLastWord(token: QueryToken & { kind: 'term' }): boolean {
    if (!this.prefixLastWord || token.quoted || this.index !== this.tokens.length) return false;
    if (token.position + token.length !== this.text.length) return false;
    const before = this.tokens[this.index - 2]?.kind;
    if (before === 'not' || before === 'minus') return false;
    return [...token.value].filter((c) => wordChar.test(c)).length >= MIN_PREFIX_LENGTH;
  }

  /** One level deeper into a group or negation, within MAX_DEPTH. */
  private enter(token: QueryToken): void {
    if (++this.depth > MAX_DEPTH) {
      throw this.error(`Nested too deeply at column ${token.position + 1}: ${this.around(token)} (parentheses and negations may nest at most ${MAX_DEPTH} deep; remove some)`, token);
    }
  }

  private peek(): Kind {
    return this.tokens[this.index]?.kind ?? 'end';
  }

  private current(): QueryToken {
    return this.tokens[this.index] as QueryToken;
  }

  private next(): QueryToken {
    const token = this.tokens[this.index++];
    if (!token) throw new Error('parser read past the last token');
    return token;
  }

  private nothingAfter(op: QueryToken): QueryError {
    const name = this.text.slice(op.position, op.position + op.length);
    const hint = op.kind === 'or' ? 'e.g. beach OR sea' : op.kind === 'and' ? 'e.g. dog AND beach' : `e.g. ${name === '-' ? '-' : 'NOT '}tag:cat`;
    return this.error(`Nothing after ${name} at column ${op.position + 1}: ${this.around(op)} (add a term, ${hint})`, op);
  }

  private nothingBefore(op: QueryToken): QueryError {
    const name = this.text.slice(op.position, op.position + op.length);
    return this.error(`Nothing before ${name} at column ${op.position + 1}: ${this.around(op)} (it joins two terms, e.g. beach ${name} sea)`, op);
  }

  private error(message: string, at: Span): QueryError {
    return new QueryError(message, at.position, at.length);
  }

  /** The query text around a token, for a message. */
  private around(at: Span): string {
    const start = Math.max(0, at.position - 20);
    const end = Math.min(this.text.length, at.position + at.length + 20);
    return `${start > 0 ? '…' : ''}${this.text.slice(start, end)}${end < this.text.length ? '…' : ''}`;
  }
}

/** The text as a message can show it: characters that print as nothing are named by their code point. */
function visible(text: string): string {
  return text.replace(/[\p{Cf}\p{Cc}\p{Zl}\p{Zp}]/gu, (c) => `U+${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`);
}

function group(type: 'and' | 'or', children: QueryNode[]): QueryNode | null {
  if (children.length <= 1) return children[0] ?? null;
  const first = children[0] as QueryNode;
  const last = children[children.length - 1] as QueryNode;
  // Flatten so that a OR b OR c is one node: the compiler's output stays as flat as the query.
  const flat = children.flatMap((c) => (c.type === type ? c.children : [c]));
  return { type, children: flat, span: spanOf(first.span, last.span) };
}

function spanOf(from: Span, to: Span): Span {
  return { position: from.position, length: to.position + to.length - from.position };
}
