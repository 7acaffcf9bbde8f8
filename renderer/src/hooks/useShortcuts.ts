import { useEffect, useRef } from 'react';

/** Keys → actions while mounted. Typing in a field never triggers them; a key with Ctrl/Cmd is named `mod+z`. */
export function useShortcuts(keys: Record<string, () => void>, enabled = true): void {
  const latest = useRef(keys);
  latest.current = keys;
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      if (event.altKey || event.defaultPrevented) return;
      const name = (event.ctrlKey || event.metaKey ? 'mod+' : '') + event.key.toLowerCase();
      const action = latest.current[name];
      if (action) {
        event.preventDefault();
        action();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
