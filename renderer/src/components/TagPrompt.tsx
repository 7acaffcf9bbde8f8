import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useClient } from '../api/ClientContext.js';
import { useDebounced } from '../hooks/useDebounced.js';

export interface TagPromptProps {
  title: string;
  submitLabel: string;
  initial?: string;
  onSubmit(name: string): void;
  onCancel(): void;
}

/** Asks for a tag name, offering the library's tags as you type; Enter takes the highlighted one or what you typed. */
export function TagPrompt({ title, submitLabel, initial = '', onSubmit, onCancel }: TagPromptProps) {
  const client = useClient();
  const [value, setValue] = useState(initial);
  const [suggestions, setSuggestions] = useState<{ name: string; count: number; matches?: string }[]>([]);
  const [active, setActive] = useState(-1);
  const input = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const prefix = useDebounced(value.trim(), 100);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  useEffect(() => {
    if (!prefix) {
      setSuggestions([]);
      return;
    }
    let current = true;
    void client.call('tags.suggest', { prefix, limit: 6 }).then((result) => {
      if (current) {
        setSuggestions(result.ok ? result.value.filter((s) => s.name.toLowerCase() !== prefix.toLowerCase()) : []);
        setActive(-1);
      }
    });
    return () => {
      current = false;
    };
  }, [client, prefix]);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const chosen = active >= 0 ? suggestions[active]?.name : undefined;
    const name = (chosen ?? value).trim();
    if (name) onSubmit(name);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    } else if (event.key === 'ArrowDown' && suggestions.length > 0) {
      event.preventDefault();
      setActive((i) => (i + 1) % suggestions.length);
    } else if (event.key === 'ArrowUp' && suggestions.length > 0) {
      event.preventDefault();
      setActive((i) => (i <= 0 ? suggestions.length - 1 : i - 1));
    }
    // Keys typed here are not shortcuts for the screen behind.
    event.stopPropagation();
  };

  return (
    <div className="overlay" onMouseDown={onCancel}>
      <form className="prompt" role="dialog" aria-modal="true" aria-labelledby={titleId} onSubmit={submit} onMouseDown={(e) => e.stopPropagation()} onKeyDown={onKeyDown}>
        <h2 id={titleId}>{title}</h2>
        <input ref={input} aria-label="Tag name" value={value} onChange={(e) => setValue(e.target.value)} maxLength={80} autoComplete="off" spellCheck={false} />
        {suggestions.length > 0 && (
          <ul className="prompt-suggestions" role="listbox" aria-label="Existing tags">
            {suggestions.map((s, i) => (
              <li key={s.name} role="option" aria-selected={i === active} className={i === active ? 'active' : undefined} onMouseDown={() => onSubmit(s.name)}>
                <span>{s.name}</span>
                {s.matches ? <span className="suggestion-why">matches {s.matches}</span> : null}
                <span className="count">{s.count.toLocaleString()}</span>
              </li>
            ))}
          </ul>
        )}
        <div className="prompt-actions">
          <button type="button" className="button ghost" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={!value.trim() && active < 0}>
            {submitLabel}
          </button>
        </div>
      </form>
    </div>
  );
}
