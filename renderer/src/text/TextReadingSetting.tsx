import { useState } from 'react';
import type { TextReadingProgressView } from '../../../electron/contract/views.js';
import { useClient } from '../api/ClientContext.js';
import { useNotices } from '../components/Notices.js';
import { ErrorNotice } from '../components/States.js';
import { useApi } from '../hooks/useApi.js';

const photosText = (n: number): string => (n === 1 ? '1 photo' : `${n.toLocaleString()} photos`);

/**
 * The background text reading at work: the photos still waiting to be read. Nothing while none wait, and nothing
 * in a run that reads no text.
 */
export function ReadingTextLine({ reading }: { reading: TextReadingProgressView | null }) {
  if (reading === null || reading.remaining === 0) return null;
  return (
    <p className="muted improving" role="status" data-stat="reading-text">
      <strong>Reading text: {reading.remaining.toLocaleString()} left.</strong> Words on signs, documents and screenshots are read newest photo first, whenever nothing
      else is being indexed; every photo is already searchable by its tags.
    </p>
  );
}

/** The library's switch for reading text in photos (default on); only English ships. */
export function TextReadingPanel() {
  const client = useClient();
  const { notify } = useNotices();
  const setting = useApi('text.settings', {}, ['photos']);
  const [busy, setBusy] = useState(false);
  if (setting.error) return <ErrorNotice error={setting.error} onRetry={setting.reload} />;
  const current = setting.value;
  if (!current) return null;

  const change = async (on: boolean) => {
    setBusy(true);
    const result = await client.call('text.setSettings', { on });
    setBusy(false);
    if (!result.ok) {
      notify(result.error.message, { tone: 'error' });
      return;
    }
    setting.reload();
  };

  return (
    <section className="panel" aria-labelledby="text-reading-setting">
      <h2 id="text-reading-setting">Text in photos</h2>
      <p className="muted">
        Phototag reads the words on signs, documents and screenshots, on this computer, after tagging, so you can search them with <code>text:</code> (for example{' '}
        <code>text:wifi</code>) or find every photo with words in it with <code>has:text</code>. Only English is read for now.
      </p>
      <label className="small">
        <input type="checkbox" checked={current.on} disabled={busy} onChange={(e) => void change(e.target.checked)} /> Read text in photos
      </label>
      <p className="muted" data-stat="text-left">
        {current.on
          ? current.remaining === 0
            ? 'Every photo has been read.'
            : `${photosText(current.remaining)} still to read.`
          : `Off: no photo is read; words already read stay searchable.${current.remaining > 0 ? ` ${photosText(current.remaining)} not read.` : ''}`}
      </p>
    </section>
  );
}
