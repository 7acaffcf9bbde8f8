import { useCallback } from 'react';
import { useClient } from '../api/ClientContext.js';
import { useNotices } from '../components/Notices.js';

/**
 * Telling the user what a people decision did, with an Undo that takes back the newest one (people.undo): the
 * People screen, the photo view and the review queue say it the same way. Screens reload on the library event the
 * undo sends.
 */
export function usePeopleUndo(): { done(text: string): void; undo(): Promise<boolean> } {
  const client = useClient();
  const { notify } = useNotices();
  const undo = useCallback(async () => {
    const result = await client.call('people.undo', {});
    if (!result.ok) {
      notify(result.error.message, { tone: 'error' });
      return false;
    }
    notify(`Undone: ${result.value.label}`);
    return true;
  }, [client, notify]);
  const done = useCallback((text: string) => notify(text, { action: { label: 'Undo', run: () => void undo() } }), [notify, undo]);
  return { done, undo };
}
