import { forwardRef, useEffect, useId, useImperativeHandle, useRef, useState, type KeyboardEvent } from 'react';
import type { ApiError } from '../../../electron/contract/result.js';
import { useClient } from '../api/ClientContext.js';
import { useDebounced } from '../hooks/useDebounced.js';
import { completeTag, tagWordAt, type TagWord } from '../query.js';

export interface SearchBoxProps {
  value: string;
  onChange(value: string): void;
  /** A query-syntax error, for `errorQuery` (default `value`), shown under the box at the spot it points to. */
  error: ApiError | null;
  errorQuery?: string;
  /**
   * 'hint' while the query is still being typed: a quiet note at the spot, not announced, the box not marked
   * invalid. 'error' (the default) once the typing has stopped on a query that does not parse.
   */
  errorLevel?: 'hint' | 'error';
  placeholder?: string;
}

export interface SearchBoxHandle {
  focus(): void;
}

interface Suggestion {
  name: string;
  count: number;
  /** The synonym that matched what was typed, when the name did not. */
  matches?: string;
}

/** The synonym that matched, with the part the user typed in bold ("<b>pup</b>py"). */
function emphasise(synonym: string, typed: string) {
  const at = synonym.toLowerCase().indexOf(typed.trim().toLowerCase());
  if (at < 0 || typed.trim().length === 0) return synonym;
  const end = at + typed.trim().length;
  return (
    <>
      {synonym.slice(0, at)}
      <b>{synonym.slice(at, end)}</b>
      {synonym.slice(end)}
    </>
  );
}

/** The one search box: the query language, with tag names (and their photo counts) offered as you type. */
export const SearchBox = forwardRef<SearchBoxHandle, SearchBoxProps>(function SearchBox({ value, onChange, error, errorQuery, errorLevel = 'error', placeholder }, ref) {
  const client = useClient();
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const [caret, setCaret] = useState(value.length);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const word: TagWord | null = tagWordAt(value, caret);
  const prefix = useDebounced(word?.prefix ?? null, 120);

  useImperativeHandle(ref, () => ({ focus: () => input.current?.focus() }), []);

  useEffect(() => {
    if (prefix === null) {
      setSuggestions([]);
      return;
    }
    let current = true;
    void client.call('tags.suggest', { prefix, limit: 8 }).then((result) => {
      if (!current) return;
      setSuggestions(result.ok ? result.value : []);
      setActive(0);
    });
    return () => {
      current = false;
    };
  }, [client, prefix]);

  const showList = open && word !== null && suggestions.length > 0;

  const choose = (name: string) => {
    if (!word) return;
    const next = completeTag(value, word, name);
    onChange(next.query);
    setOpen(false);
    requestAnimationFrame(() => {
      input.current?.setSelectionRange(next.caret, next.caret);
      setCaret(next.caret);
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
      if (showList) setOpen(false);
      else if (value) onChange('');
      else input.current?.blur();
      event.preventDefault();
      return;
    }
    if (!showList) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + suggestions.length) % suggestions.length);
      event.preventDefault();
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      const chosen = suggestions[active];
      if (chosen) {
        choose(chosen.name);
        event.preventDefault();
      }
    }
  };

  const loud = error !== null && errorLevel === 'error';
  const echoed = errorQuery ?? value;
  const position = typeof error?.details?.['position'] === 'number' ? (error.details['position'] as number) : null;
  const length = typeof error?.details?.['length'] === 'number' ? Math.max(1, error.details['length'] as number) : 1;

  return (
    <div className="search-box">
      <div className={`search-field${loud ? ' has-error' : ''}`}>
        <svg className="search-icon" viewBox="0 0 20 20" aria-hidden="true">
          <circle cx="8.5" cy="8.5" r="5.5" />
          <path d="M13 13l4.5 4.5" />
        </svg>
        <input
          ref={input}
          type="search"
          role="combobox"
          aria-label="Search photos"
          aria-expanded={showList}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-invalid={loud ? true : undefined}
          aria-describedby={error ? `${listId}-problem` : undefined}
          autoComplete="off"
          spellCheck={false}
          placeholder={placeholder ?? 'Search: tag:dog year:2019 -tag:cat "birthday cake"'}
          value={value}
          onChange={(event) => {
            onChange(event.target.value);
            setCaret(event.target.selectionStart ?? event.target.value.length);
            setOpen(true);
          }}
          onSelect={(event) => setCaret(event.currentTarget.selectionStart ?? value.length)}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={onKeyDown}
        />
        <kbd className="search-hint" aria-hidden="true">/</kbd>
      </div>
      {(showList || error) && (
        // The problem first, right under the box, and the suggestions below it: the list never covers the message.
        <div className="search-popover">
          {error && (
            <div id={`${listId}-problem`} className={`query-error ${loud ? 'is-error' : 'is-hint'}`} role={loud ? 'alert' : undefined}>
              {position !== null && (
                <code className="query-echo" aria-hidden="true">
                  {echoed.slice(0, position)}
                  <mark>{echoed.slice(position, position + length) || ' '}</mark>
                  {echoed.slice(position + length)}
                </code>
              )}
              <span>{loud ? error.message : `Still typing? ${error.message}`}</span>
            </div>
          )}
          {showList && (
            <ul className="suggestions" id={listId} role="listbox" aria-label="Tag suggestions">
              {suggestions.map((s, i) => (
                <li
                  key={s.name}
                  role="option"
                  aria-selected={i === active}
                  className={i === active ? 'active' : undefined}
                  onMouseDown={(event) => {
                    event.preventDefault();
                    choose(s.name);
                  }}
                >
                  <span className="suggestion-name">{s.name}</span>
                  {s.matches ? <span className="suggestion-why">matches {emphasise(s.matches, word?.prefix ?? '')}</span> : null}
                  <span className="count">{s.count.toLocaleString()}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
});
