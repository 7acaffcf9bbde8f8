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

/** What a tesseract language code means, for the codes people are likely to install; others show as their code. */
const languageNames: Record<string, string> = {
  eng: 'English', deu: 'German', fra: 'French', spa: 'Spanish', ita: 'Italian', por: 'Portuguese', nld: 'Dutch', pol: 'Polish',
  swe: 'Swedish', dan: 'Danish', nor: 'Norwegian', fin: 'Finnish', ces: 'Czech', tur: 'Turkish', rus: 'Russian', ukr: 'Ukrainian',
  ell: 'Greek', jpn: 'Japanese', kor: 'Korean', chi_sim: 'Chinese (simplified)', chi_tra: 'Chinese (traditional)', ara: 'Arabic', hin: 'Hindi',
};
const languageName = (code: string): string => languageNames[code] ?? code;

/**
 * The library's switch for reading text in photos (default on), and the languages it reads: English ships; any
 * other installed language package may be added.
 */
export function TextReadingPanel() {
  const client = useClient();
  const { notify } = useNotices();
  const setting = useApi('text.settings', {}, ['photos']);
  const [busy, setBusy] = useState(false);
  if (setting.error) return <ErrorNotice error={setting.error} onRetry={setting.reload} />;
  const current = setting.value;
  if (!current) return null;

  const change = async (input: { on?: boolean; languages?: string[] }) => {
    setBusy(true);
    const result = await client.call('text.setSettings', input);
    setBusy(false);
    if (!result.ok) {
      notify(result.error.message, { tone: 'error' });
      return;
    }
    if (input.languages) notify(`Photos will be read again in ${result.value.languages.map(languageName).join(' and ')}, in the background.`);
    setting.reload();
  };
  const toggleLanguage = (code: string, chosen: boolean) => {
    const languages = chosen ? [...current.languages, code] : current.languages.filter((l) => l !== code);
    if (languages.length > 0) void change({ languages });
  };

  return (
    <section className="panel" aria-labelledby="text-reading-setting">
      <h2 id="text-reading-setting">Text in photos</h2>
      <p className="muted">
        Phototag reads the words on signs, documents and screenshots, on this computer, after tagging, so you can search them with <code>text:</code> (for example{' '}
        <code>text:wifi</code>) or find every photo with words in it with <code>has:text</code>.
      </p>
      <label className="small">
        <input type="checkbox" checked={current.on} disabled={busy} onChange={(e) => void change({ on: e.target.checked })} /> Read text in photos
      </label>
      <fieldset className="small">
        <legend>Languages read</legend>
        {current.installedLanguages.map((code) => {
          const chosen = current.languages.includes(code);
          return (
            <label key={code}>
              <input
                type="checkbox"
                checked={chosen}
                // The last language chosen stays: text is always read in at least one.
                disabled={busy || (chosen && current.languages.length === 1)}
                onChange={(e) => toggleLanguage(code, e.target.checked)}
              />{' '}
              {languageName(code)}
            </label>
          );
        })}
        {current.installedLanguages.length < 2 && (
          <p className="muted">Other languages are read once their data package is installed with Phototag (@tesseract.js-data/&lt;code&gt;, for example deu).</p>
        )}
      </fieldset>
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
