import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, runCliJson } from '../../helpers/cli.js';
import { makeTempDir } from '../../helpers/tempDirs.js';

describe('choosing the languages text is read in, from the CLI', () => {
  const temp = makeTempDir('phototag-textlang-cli-');
  afterAll(() => temp.cleanup());
  const cli = ['--data-dir', path.join(temp.dir, 'data'), '--models', 'off'];

  it('reads English by default, adds an installed language, and refuses one that is not installed', () => {
    expect(runCliJson<{ languages: string[]; installedLanguages: string[] }>([...cli, 'text-reading'])).toMatchObject({ on: true, languages: ['eng'] });
    const changed = runCliJson<{ languages: string[]; installedLanguages: string[] }>([...cli, 'text-reading', '--languages', 'deu,eng']);
    expect(changed.languages).toEqual(['eng', 'deu']);
    expect(changed.installedLanguages).toEqual(expect.arrayContaining(['eng', 'deu']));
    // Kept in the library's settings.
    expect(runCliJson<{ languages: string[] }>([...cli, 'text-reading']).languages).toEqual(['eng', 'deu']);

    const refused = runCli([...cli, 'text-reading', '--languages', 'eng,xyz']);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/@tesseract\.js-data\/xyz/);
    expect(refused.stderr).toMatch(/Installed: eng, deu/);
    expect(runCliJson<{ languages: string[] }>([...cli, 'text-reading']).languages).toEqual(['eng', 'deu']);
  }, 60_000);
});
