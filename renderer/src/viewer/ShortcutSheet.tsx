import { Fragment, useEffect, useId, useRef, type KeyboardEvent } from 'react';

/** Every shortcut of the photo view, as the sheet lists them. The handlers live with the screen (PhotoScreen). */
export const photoShortcuts: { group: string; items: { keys: string[]; does: string }[] }[] = [
  {
    group: 'Moving',
    items: [
      { keys: ['←', '→'], does: 'Previous or next photo (pan left or right when zoomed in)' },
      { keys: ['Esc'], does: 'Back to the photos' },
      { keys: ['Space'], does: 'Start the slideshow; any key stops it' },
      { keys: ['f'], does: 'Full screen, or leave it' },
      { keys: ['?'], does: 'This list' },
    ],
  },
  {
    group: 'Zoom',
    items: [
      { keys: ['+'], does: 'Zoom in' },
      { keys: ['-'], does: 'Zoom out' },
      { keys: ['z'], does: 'Fit the photo to the window' },
      { keys: ['←', '↑', '→', '↓'], does: 'Pan when zoomed in' },
      { keys: ['Double-click'], does: 'Between fitting and 100 %' },
      { keys: ['Wheel', 'Pinch'], does: 'Zoom around the pointer' },
    ],
  },
  {
    group: 'Favourite and rating',
    items: [
      { keys: ['.'], does: 'Favourite, or not' },
      { keys: ['0', '1', '2', '3', '4', '5'], does: 'Rate with that many stars (0: unrated)' },
    ],
  },
  {
    group: 'Tags and caption',
    items: [
      { keys: ['↑', '↓'], does: 'Pick a tag (when not zoomed in)' },
      { keys: ['j', 'k'], does: 'Pick the next or previous tag' },
      { keys: ['a'], does: 'Confirm the tag' },
      { keys: ['r'], does: 'Reject the tag' },
      { keys: ['n'], does: 'Rename the tag' },
      { keys: ['Delete'], does: 'Remove a tag you added' },
      { keys: ['t'], does: 'Add a tag' },
      { keys: ['c'], does: 'Write or edit the caption' },
      { keys: ['Ctrl', 'Z'], does: 'Undo the last correction' },
    ],
  },
];

/** The photo view's shortcuts, opened with `?`; Esc or the button closes it and focus goes back where it was. */
export function ShortcutSheet({ onClose }: { onClose(): void }) {
  const titleId = useId();
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    close.current?.focus();
    return () => before?.focus?.();
  }, []);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' || event.key === '?') {
      event.preventDefault();
      onClose();
    } else if (event.key === 'Tab') {
      // One focusable control: keep focus in the dialog.
      event.preventDefault();
    }
    event.stopPropagation();
  };
  return (
    <div className="overlay shortcut-overlay" onMouseDown={onClose}>
      <div className="prompt shortcut-sheet" role="dialog" aria-modal="true" aria-labelledby={titleId} onMouseDown={(e) => e.stopPropagation()} onKeyDown={onKeyDown}>
        <h2 id={titleId}>Keyboard shortcuts</h2>
        <div className="shortcut-sections">
          {photoShortcuts.map((section) => (
            <section key={section.group} aria-label={section.group}>
              <h3>{section.group}</h3>
              <dl>
                {section.items.map((item) => (
                  <Fragment key={item.does}>
                    <dt>
                      {item.keys.map((key) => (
                        <kbd key={key}>{key}</kbd>
                      ))}
                    </dt>
                    <dd>{item.does}</dd>
                  </Fragment>
                ))}
              </dl>
            </section>
          ))}
        </div>
        <div className="prompt-actions">
          <button ref={close} type="button" className="button primary" onClick={onClose}>
            Close <kbd>Esc</kbd>
          </button>
        </div>
      </div>
    </div>
  );
}
